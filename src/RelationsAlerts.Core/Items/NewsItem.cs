namespace RelationsAlerts.Core.Items;

/// <summary>A relevant news item as stored and digested.</summary>
public sealed record NewsItem
{
    /// <summary>Identity: SHA-256 (hex) of the canonical link, else the GUID, else title and summary.</summary>
    public required string Id { get; init; }

    public required string FeedId { get; init; }

    public required string Title { get; init; }

    public Uri? Link { get; init; }

    public string Summary { get; init; } = "";

    public string? Source { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public required DateTimeOffset FirstSeenAt { get; init; }

    public IReadOnlyList<string> Sectors { get; init; } = [];

    public double RelevanceScore { get; init; }

    /// <summary>Why the item was kept (which evidence matched, which rule decided).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The story (reports of one event) the item was filed under; null until it is assigned one.</summary>
    public string? StoryId { get; init; }
}
