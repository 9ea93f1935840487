using RelationsAlerts.Core.Items;

namespace RelationsAlerts.Core.Digests;

/// <summary>The content of one subscriber's digest: items grouped by sector, newest first.</summary>
public sealed record Digest(string DigestId, DateTimeOffset Until, IReadOnlyList<DigestSection> Sections)
{
    public int ItemCount => Sections.Sum(s => s.Items.Count);
}

/// <summary>One sector's items in a digest: one entry per story, headed by its earliest report.</summary>
public sealed record DigestSection(string SectorId, string SectorName, IReadOnlyList<NewsItem> Items)
{
    /// <summary>Lead item id → the other outlets that reported the same story in this digest (none for most items).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AlsoReportedBy { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> OtherOutlets(NewsItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return AlsoReportedBy.GetValueOrDefault(item.Id) ?? [];
    }
}
