using System.Text.Json.Serialization;

namespace RelationsAlerts.Core.Digests;

/// <summary>
/// A queued job: send the items seen up to <see cref="Until"/>. Version 1 names one subscriber; version 2 names up to
/// <see cref="MaxRecipients"/> subscribers whose digests were identical when the job was planned, so they can go out in
/// one mail-service request.
/// </summary>
/// <param name="Version">Message schema version (1 or 2); see <see cref="DigestRequestSerializer"/>.</param>
/// <param name="DigestId">Id of the job; per-recipient idempotency keys come from <see cref="RecipientDigestId"/>.</param>
/// <param name="SubscriberId">Recipient of a version 1 job (empty in version 2).</param>
/// <param name="Until">Items first seen up to this instant belong to the digest.</param>
public sealed record DigestRequest(int Version, string DigestId, string SubscriberId, DateTimeOffset Until)
{
    /// <summary>SendGrid's limit of personalizations (and recipients) per request.</summary>
    public const int MaxRecipients = 1000;

    /// <summary>Recipients of a version 2 job.</summary>
    public IReadOnlyList<string>? SubscriberIds { get; init; }

    /// <summary>Everyone this job is for, whatever its version.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Recipients => Version >= 2 && SubscriberIds is { } ids ? ids : [SubscriberId];

    public static DigestRequest For(string subscriberId, DateTimeOffset until) =>
        new(1, RecipientDigestId(subscriberId, until), subscriberId, until);

    /// <summary>A job for subscribers with identical content; <paramref name="groupKey"/> names the content and chunk.</summary>
    public static DigestRequest ForGroup(string groupKey, IReadOnlyList<string> subscriberIds, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(subscriberIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(subscriberIds.Count, MaxRecipients);
        return new DigestRequest(2, $"g-{groupKey}-{until.UtcTicks}", "", until) { SubscriberIds = subscriberIds };
    }

    /// <summary>
    /// The idempotency key of one subscriber's digest for one window. Single and group jobs for the same window share it,
    /// so whichever arrives second finds the window covered.
    /// </summary>
    public static string RecipientDigestId(string subscriberId, DateTimeOffset until) => $"{subscriberId}-{until.UtcTicks}";
}
