using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Digests;

/// <summary>
/// Turns "these subscribers are due up to these instants" into as few jobs as possible: subscribers whose digests would
/// be identical (same window end, same stories in the same sections) form a group, which SendDigest sends as one
/// request per 1,000 recipients; small groups with the same window end share a job of at most
/// <see cref="DigestRequest.MaxRecipients"/>. Subscribers with nothing new are grouped too, so their cursors still move. Grouping is an optimisation only: SendDigest re-reads every subscriber
/// and regroups by what it actually builds.
/// </summary>
public static class DigestPlanner
{
    /// <param name="due">Each subscriber with the end of the window they are due for.</param>
    /// <param name="items">Every item first seen in the widest window of <paramref name="due"/> (see <see cref="EarliestStart"/>).</param>
    /// <param name="topics">The taxonomy, for section names and order.</param>
    /// <param name="firstDigestLookback">How far back a first digest reaches.</param>
    public static IReadOnlyList<DigestRequest> Plan(
        IReadOnlyCollection<(Subscriber Subscriber, DateTimeOffset Until)> due,
        IReadOnlyList<NewsItem> items,
        IReadOnlyList<Topic> topics,
        TimeSpan firstDigestLookback)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(items);
        var digests = new DigestCache("plan", items, topics, firstDigestLookback);
        var groups = new Dictionary<(DateTimeOffset Until, string Fingerprint), List<string>>();
        foreach (var (subscriber, until) in due)
        {
            var (_, fingerprint) = digests.For(subscriber, until);
            if (!groups.TryGetValue((until, fingerprint), out var members))
            {
                groups[(until, fingerprint)] = members = [];
            }

            members.Add(subscriber.Id);
        }

        return [.. groups
            .GroupBy(g => g.Key.Until)
            .OrderBy(byUntil => byUntil.Key)
            .SelectMany(byUntil => Pack(byUntil.OrderBy(g => g.Key.Fingerprint, StringComparer.Ordinal).Select(g => (g.Key.Fingerprint, g.Value)), byUntil.Key))];
    }

    /// <summary>
    /// Fills jobs with whole groups up to <see cref="DigestRequest.MaxRecipients"/> (a group larger than that is cut into
    /// full chunks first). A group never straddles two jobs, so every group still needs only ceil(n/1000) requests, while
    /// many small groups share a job and its reads.
    /// </summary>
    private static IEnumerable<DigestRequest> Pack(IEnumerable<(string Fingerprint, List<string> Members)> groups, DateTimeOffset until)
    {
        var current = new List<string>();
        string? firstKey = null;
        foreach (var (fingerprint, members) in groups)
        {
            var index = 0;
            foreach (var chunk in members.Order(StringComparer.Ordinal).Chunk(DigestRequest.MaxRecipients))
            {
                if (current.Count + chunk.Length > DigestRequest.MaxRecipients)
                {
                    yield return DigestRequest.ForGroup(firstKey!, current, until);
                    current = [];
                }

                firstKey = current.Count == 0 ? $"{fingerprint}-{index}" : firstKey;
                current.AddRange(chunk);
                index++;
            }
        }

        if (current.Count > 0)
        {
            yield return DigestRequest.ForGroup(firstKey!, current, until);
        }
    }

    /// <summary>Where a subscriber's next digest starts: after the previous one, or the look-back for a first digest.</summary>
    public static DateTimeOffset Start(Subscriber subscriber, DateTimeOffset until, TimeSpan firstDigestLookback)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return subscriber.LastDigestUntil ?? until - firstDigestLookback;
    }

    /// <summary>The earliest window start among <paramref name="due"/>: load items from here to plan them.</summary>
    public static DateTimeOffset EarliestStart(IEnumerable<(Subscriber Subscriber, DateTimeOffset Until)> due, TimeSpan firstDigestLookback) =>
        due.Select(d => Start(d.Subscriber, d.Until, firstDigestLookback)).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
}
