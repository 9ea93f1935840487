using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Items;

namespace RelationsAlerts.Azure.Tables;

/// <summary>A stored item; the same shape is written to the id index and to the by-day timeline.</summary>
internal sealed class ItemEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string FeedId { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Link { get; set; }

    public string Summary { get; set; } = "";

    public string? Source { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    public string Sectors { get; set; } = "[]";

    public double RelevanceScore { get; set; }

    public string Reasons { get; set; } = "[]";

    /// <summary>Null for items stored before stories existed.</summary>
    public string? StoryId { get; set; }

    /// <summary>False until the timeline row exists; lets a retried add repair a half-written item.</summary>
    public bool Complete { get; set; }

    public static ItemEntity From(NewsItem item, string partitionKey) => new()
    {
        PartitionKey = partitionKey,
        RowKey = item.Id,
        FeedId = item.FeedId,
        Title = TableJson.Clip(item.Title, 2_000),
        Link = item.Link?.AbsoluteUri,
        Summary = TableJson.Clip(item.Summary),
        Source = item.Source,
        PublishedAt = item.PublishedAt,
        FirstSeenAt = item.FirstSeenAt,
        Sectors = TableJson.Write(item.Sectors),
        RelevanceScore = item.RelevanceScore,
        Reasons = TableJson.WriteList(item.Reasons, 8_000),
        StoryId = item.StoryId,
    };

    public NewsItem ToItem() => new()
    {
        Id = RowKey,
        FeedId = FeedId,
        Title = Title,
        Link = Uri.TryCreate(Link, UriKind.Absolute, out var link) ? link : null,
        Summary = Summary,
        Source = Source,
        PublishedAt = PublishedAt,
        FirstSeenAt = FirstSeenAt,
        Sectors = TableJson.Read<string[]>(Sectors, []),
        RelevanceScore = RelevanceScore,
        Reasons = TableJson.Read<string[]>(Reasons, []),
        StoryId = StoryId,
    };
}
