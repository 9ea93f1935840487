namespace RelationsAlerts.Core.Feeds;

/// <summary>What we remember about a feed between polls.</summary>
public sealed record FeedState
{
    public static readonly FeedState Initial = new();

    public string? ETag { get; init; }

    public string? LastModified { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public string? LastErrorKind { get; init; }

    public string? LastErrorMessage { get; init; }

    public int ConsecutiveFailures { get; init; }

    public DateTimeOffset? NextPollAt { get; init; }

    /// <summary>The relevant items the feed carried when last read (<see cref="Feeds.SeenItems"/>): stored, so not stored again.</summary>
    public string? SeenItems { get; init; }
}
