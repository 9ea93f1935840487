using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Feeds;

namespace RelationsAlerts.Azure.Tables;

internal sealed class FeedEntity : ITableEntity
{
    public const string Partition = "feed";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Url { get; set; } = "";

    public string Name { get; set; } = "";

    public string? HttpETag { get; set; }

    public string? LastModified { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public string? LastErrorKind { get; set; }

    public string? LastErrorMessage { get; set; }

    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset? NextPollAt { get; set; }

    /// <summary>A <see cref="FeedType"/> name; rows written before feeds had a type have none and read as RSS.</summary>
    public string? Type { get; set; }

    public bool Paused { get; set; }

    public string? SeenItems { get; set; }

    public static FeedEntity From(FeedSource feed) => new()
    {
        RowKey = feed.Id,
        Url = feed.Url.AbsoluteUri,
        Name = feed.Name,
        HttpETag = feed.State.ETag,
        LastModified = feed.State.LastModified,
        LastSuccessAt = feed.State.LastSuccessAt,
        LastAttemptAt = feed.State.LastAttemptAt,
        LastErrorKind = feed.State.LastErrorKind,
        LastErrorMessage = feed.State.LastErrorMessage,
        ConsecutiveFailures = feed.State.ConsecutiveFailures,
        NextPollAt = feed.State.NextPollAt,
        SeenItems = feed.State.SeenItems,
        Type = feed.Type.ToString(),
        Paused = feed.Paused,
    };

    /// <summary>This row with <paramref name="state"/> (and <paramref name="movedTo"/> as its URL, if set); other columns unchanged.</summary>
    public FeedEntity WithState(FeedState state, Uri? movedTo)
    {
        HttpETag = state.ETag;
        LastModified = state.LastModified;
        LastSuccessAt = state.LastSuccessAt;
        LastAttemptAt = state.LastAttemptAt;
        LastErrorKind = state.LastErrorKind;
        LastErrorMessage = state.LastErrorMessage;
        ConsecutiveFailures = state.ConsecutiveFailures;
        NextPollAt = state.NextPollAt;
        SeenItems = state.SeenItems;
        Url = movedTo?.AbsoluteUri ?? Url;
        return this;
    }

    /// <summary>
    /// The state columns of feed <paramref name="feedId"/> alone, for a merge. A merge leaves absent columns as they are,
    /// so a cleared text value is written as "" (read back as null); the time columns are never cleared once set.
    /// </summary>
    public static TableEntity StateColumns(string feedId, FeedState state)
    {
        var entity = new TableEntity(Partition, feedId)
        {
            [nameof(HttpETag)] = state.ETag ?? "",
            [nameof(LastModified)] = state.LastModified ?? "",
            [nameof(LastErrorKind)] = state.LastErrorKind ?? "",
            [nameof(LastErrorMessage)] = state.LastErrorMessage ?? "",
            [nameof(ConsecutiveFailures)] = state.ConsecutiveFailures,
            [nameof(SeenItems)] = state.SeenItems ?? "",
        };
        AddIfSet(entity, nameof(LastSuccessAt), state.LastSuccessAt);
        AddIfSet(entity, nameof(LastAttemptAt), state.LastAttemptAt);
        AddIfSet(entity, nameof(NextPollAt), state.NextPollAt);
        return entity;
    }

    public FeedSource ToFeed() => new(RowKey, new Uri(Url), Name, new FeedState
    {
        ETag = NullIfEmpty(HttpETag),
        LastModified = NullIfEmpty(LastModified),
        LastSuccessAt = LastSuccessAt,
        LastAttemptAt = LastAttemptAt,
        LastErrorKind = NullIfEmpty(LastErrorKind),
        LastErrorMessage = NullIfEmpty(LastErrorMessage),
        SeenItems = NullIfEmpty(SeenItems),
        ConsecutiveFailures = ConsecutiveFailures,
        NextPollAt = NextPollAt,
    })
    {
        Type = Enum.TryParse<FeedType>(Type, out var type) ? type : FeedType.Rss,
        Paused = Paused,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void AddIfSet(TableEntity entity, string column, DateTimeOffset? value)
    {
        if (value is { } set)
        {
            entity[column] = set;
        }
    }
}
