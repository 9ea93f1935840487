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
        Url = movedTo?.AbsoluteUri ?? Url;
        return this;
    }

    public FeedSource ToFeed() => new(RowKey, new Uri(Url), Name, new FeedState
    {
        ETag = HttpETag,
        LastModified = LastModified,
        LastSuccessAt = LastSuccessAt,
        LastAttemptAt = LastAttemptAt,
        LastErrorKind = LastErrorKind,
        LastErrorMessage = LastErrorMessage,
        ConsecutiveFailures = ConsecutiveFailures,
        NextPollAt = NextPollAt,
    })
    {
        Type = Enum.TryParse<FeedType>(Type, out var type) ? type : FeedType.Rss,
        Paused = Paused,
    };
}
