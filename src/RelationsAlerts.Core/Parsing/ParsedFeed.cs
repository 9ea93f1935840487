namespace RelationsAlerts.Core.Parsing;

/// <summary>A feed as we understand it, independent of RSS or Atom.</summary>
public sealed record ParsedFeed(string? Title, string Encoding, TimeSpan? Ttl, IReadOnlyList<ParsedItem> Items);

/// <summary>One entry with plain-text title and summary (markup removed) and an absolute link when the feed had one.</summary>
public sealed record ParsedItem
{
    public string? EntryId { get; init; }

    public required string Title { get; init; }

    public Uri? Link { get; init; }

    public string Summary { get; init; } = "";

    public DateTimeOffset? PublishedAt { get; init; }

    public string? Source { get; init; }
}
