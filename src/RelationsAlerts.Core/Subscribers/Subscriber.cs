namespace RelationsAlerts.Core.Subscribers;

/// <summary>A person who receives digests.</summary>
public sealed record Subscriber
{
    public required string Id { get; init; }

    public required string Email { get; init; }

    public IReadOnlyList<string> Sectors { get; init; } = [];

    public DigestFrequency Frequency { get; init; } = DigestFrequency.Daily;

    public string TimeZone { get; init; } = "UTC";

    public SubscriberStatus Status { get; init; } = SubscriberStatus.Pending;

    /// <summary>Upper bound (exclusive of later items) of the content in the last digest sent.</summary>
    public DateTimeOffset? LastDigestUntil { get; init; }

    /// <summary>The digest being sent right now, claimed before the send so a retry never sends it twice.</summary>
    public string? DigestInFlight { get; init; }

    /// <summary>When <see cref="DigestInFlight"/> was claimed; an old claim means the sender crashed.</summary>
    public DateTimeOffset? DigestInFlightAt { get; init; }

    /// <summary>Optimistic-concurrency tag from the store; null for new records.</summary>
    public string? ETag { get; init; }
}
