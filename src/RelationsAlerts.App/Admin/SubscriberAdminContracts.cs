using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Admin;

/// <summary>A subscriber as admins see it.</summary>
public sealed record SubscriberResponse(
    string Id, string Email, string Status, string[] Sectors, string Frequency, string TimeZone, int PreferredHour, string WeeklyDay,
    DateTimeOffset? CreatedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? LastDigestUntil)
{
    public static SubscriberResponse From(Subscriber s) => new(
        s.Id, s.Email, s.Status.ToString().ToLowerInvariant(), [.. s.Sectors], s.Frequency.ToString().ToLowerInvariant(), s.TimeZone, s.PreferredHour,
        s.WeeklyDay.ToString(), s.CreatedAt, s.ConfirmedAt, s.LastDigestUntil);
}

public sealed record SubscriberPage(SubscriberResponse[] Items, string? ContinuationToken);

public sealed record SubscriberCounts(IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ActiveBySector);

/// <summary>Preview what a subscriber, or a reader of one sector, would get now.</summary>
public sealed record DigestPreviewRequest(string? SubscriberId, string? Sector);

public sealed record DigestPreviewResponse(string Subject, string Html, string Text, int Items);
