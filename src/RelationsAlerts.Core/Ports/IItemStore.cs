using RelationsAlerts.Core.Items;

namespace RelationsAlerts.Core.Ports;

/// <summary>Stores relevant items; adding is idempotent by <see cref="NewsItem.Id"/>.</summary>
public interface IItemStore
{
    /// <summary>Adds the item unless one with the same id exists. Returns true when it was new.</summary>
    Task<bool> TryAddAsync(NewsItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds each item unless one with the same id exists, as <see cref="TryAddAsync"/> would one at a time (a store may
    /// batch the writes). Returns, in the order given, true for each item that was new; a repeated id is new at most once.
    /// </summary>
    async Task<IReadOnlyList<bool>> TryAddManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = new bool[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = await TryAddAsync(items[i], cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// The first step of adding, for callers that file items under stories between the steps: claims each item not
    /// stored before. Returns, in the order given, what each claim found (a repeated id is new at most once); complete the
    /// new and unfinished ones with <see cref="CompleteManyAsync"/>. Stores that cannot claim ahead answer from
    /// <see cref="FindStoredAsync"/> and store everything in the second step.
    /// </summary>
    async Task<IReadOnlyList<ItemClaim>> ClaimManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var stored = await FindStoredAsync([.. items.Select(i => i.Id).Distinct(StringComparer.Ordinal)], cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. items.Select(i => new ItemClaim(!stored.ContainsKey(i.Id) && seen.Add(i.Id) ? ItemClaimStatus.New : ItemClaimStatus.Stored, i))];
    }

    /// <summary>
    /// The second step: stores the claimed items (new or unfinished, each with its <see cref="NewsItem.StoryId"/>) so
    /// that they are listed and <see cref="FindStoredAsync"/> finds them.
    /// </summary>
    async Task CompleteManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default) =>
        _ = await TryAddManyAsync(items, cancellationToken);

    /// <summary>
    /// Which of <paramref name="ids"/> are stored (completely: a half-written item is absent, so adding it again repairs
    /// it), each with its <see cref="NewsItem.StoryId"/> (null for items stored before stories existed).
    /// </summary>
    Task<IReadOnlyDictionary<string, string?>> FindStoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Items first seen after <paramref name="from"/> and up to and including <paramref name="until"/>, newest first.</summary>
    Task<IReadOnlyList<NewsItem>> ListSeenBetweenAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);
}
