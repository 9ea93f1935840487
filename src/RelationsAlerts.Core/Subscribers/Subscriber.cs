namespace RelationsAlerts.Core.Subscribers;

/// <summary>A person who receives digests.</summary>
public sealed record Subscriber
{
    public required string Id { get; init; }

    public required string Email { get; init; }

    public IReadOnlyList<string> Sectors { get; init; } = [];

    public DigestFrequency Frequency { get; init; } = DigestFrequency.Daily;

    public string TimeZone { get; init; } = "UTC";

    /// <summary>Local hour (0–23) at which daily and weekly digests go out.</summary>
    public int PreferredHour { get; init; } = 8;

    /// <summary>Local weekday of the weekly digest.</summary>
    public DayOfWeek WeeklyDay { get; init; } = DayOfWeek.Monday;

    /// <summary>Preferences requested in the last sign-up, applied when its confirmation link is used.</summary>
    public SubscriptionPreferences? PendingPreferences { get; init; }

    /// <summary>Random value in the outstanding confirmation link; cleared when used, so each link works once.</summary>
    public string? ConfirmationNonce { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; init; }

    public DateTimeOffset? UnsubscribedAt { get; init; }

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
