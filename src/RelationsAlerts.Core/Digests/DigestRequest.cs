namespace RelationsAlerts.Core.Digests;

/// <summary>A queued job: send <see cref="SubscriberId"/> the items seen up to <see cref="Until"/>.</summary>
/// <param name="Version">Message schema version; see <see cref="DigestRequestSerializer.CurrentVersion"/>.</param>
/// <param name="DigestId">Idempotency key of this digest: the same id is never sent twice.</param>
/// <param name="SubscriberId">Recipient.</param>
/// <param name="Until">Items first seen up to this instant belong to the digest.</param>
public sealed record DigestRequest(int Version, string DigestId, string SubscriberId, DateTimeOffset Until)
{
    public static DigestRequest For(string subscriberId, DateTimeOffset until) =>
        new(DigestRequestSerializer.CurrentVersion, $"{subscriberId}-{until.UtcTicks}", subscriberId, until);
}
