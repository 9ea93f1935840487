using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Digests;

/// <summary>
/// Builds each distinct digest once: subscribers with the same window (start and end) and the same sectors share one
/// <see cref="Digest"/> and its fingerprint. The planner and SendDigest both group subscribers this way.
/// </summary>
/// <param name="digestId">Id given to the digests built (the job's id).</param>
/// <param name="items">Every item first seen in the widest window asked for.</param>
/// <param name="topics">The taxonomy, for section names and order.</param>
/// <param name="firstDigestLookback">How far back a first digest reaches.</param>
public sealed class DigestCache(string digestId, IReadOnlyList<NewsItem> items, IReadOnlyList<Topic> topics, TimeSpan firstDigestLookback)
{
    /// <summary>The fingerprint of every digest with nothing in it.</summary>
    public const string EmptyFingerprint = "empty";

    private readonly Dictionary<(DateTimeOffset From, DateTimeOffset Until, string Sectors), (Digest Digest, string Fingerprint)> built = [];

    /// <summary>The subscriber's digest up to <paramref name="until"/>, and its fingerprint (<see cref="EmptyFingerprint"/> when empty).</summary>
    public (Digest Digest, string Fingerprint) For(Subscriber subscriber, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var from = DigestPlanner.Start(subscriber, until, firstDigestLookback);
        var key = (from, until, string.Join(',', subscriber.Sectors.Order(StringComparer.Ordinal)));
        if (!built.TryGetValue(key, out var entry))
        {
            var digest = DigestBuilder.Build(digestId, until, subscriber, items.Where(i => i.FirstSeenAt > from && i.FirstSeenAt <= until), topics);
            built[key] = entry = (digest, digest.ItemCount == 0 ? EmptyFingerprint : DigestFingerprint.Of(digest));
        }

        return entry;
    }
}
