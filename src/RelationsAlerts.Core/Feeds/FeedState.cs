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
}
