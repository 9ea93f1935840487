using RelationsAlerts.Core.Items;

namespace RelationsAlerts.Core.Digests;

/// <summary>The content of one subscriber's digest: items grouped by sector, newest first.</summary>
public sealed record Digest(string DigestId, DateTimeOffset Until, IReadOnlyList<DigestSection> Sections)
{
    public int ItemCount => Sections.Sum(s => s.Items.Count);
}

/// <summary>One sector's items in a digest.</summary>
public sealed record DigestSection(string SectorId, string SectorName, IReadOnlyList<NewsItem> Items);
