namespace RelationsAlerts.Core.Feeds;

/// <summary>
/// The relevant items a feed carried when it was last read, kept in its state so the next read of an unchanged document
/// (a server that ignores conditional requests) needs no storage request for them: the first 16 hex digits of each item
/// id (64 bits; a wrong match among 500 ids is about 1 in 10^16), space-separated, at most <see cref="Max"/>.
/// </summary>
public static class SeenItems
{
    /// <summary>Ids remembered per feed at most (about 8.5 KB): more than any feed carries at once.</summary>
    public const int Max = 500;

    private const int Digits = 16;

    /// <summary>The remembered form of <paramref name="itemIds"/> (the first <see cref="Max"/> of them), or null for none.</summary>
    public static string? Of(IEnumerable<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var keys = itemIds.Select(Key).Distinct(StringComparer.Ordinal).Take(Max).ToList();
        return keys.Count == 0 ? null : string.Join(' ', keys);
    }

    /// <summary>The remembered ids, to test with <see cref="Contains"/>.</summary>
    public static HashSet<string> Parse(string? seen) =>
        string.IsNullOrEmpty(seen) ? [] : seen.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="itemId"/> is among <paramref name="seen"/>.</summary>
    public static bool Contains(HashSet<string> seen, string itemId)
    {
        ArgumentNullException.ThrowIfNull(seen);
        return seen.Count > 0 && seen.Contains(Key(itemId));
    }

    private static string Key(string itemId) => itemId.Length > Digits ? itemId[..Digits] : itemId;
}
