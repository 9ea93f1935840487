using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Digests;

/// <summary>Selects and groups a subscriber's items. An item appears once, under the first of its sectors the subscriber follows.</summary>
public static class DigestBuilder
{
    public static Digest Build(string digestId, DateTimeOffset until, Subscriber subscriber, IEnumerable<NewsItem> items, IReadOnlyList<Topic> topics)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(topics);
        var wanted = subscriber.Sectors.ToHashSet(StringComparer.Ordinal);
        var order = topics.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var names = topics.ToDictionary(t => t.Id, t => t.DisplayName, StringComparer.Ordinal);

        var sections = items
            .DistinctBy(i => i.Id)
            .Select(i => (Item: i, Sector: i.Sectors.FirstOrDefault(wanted.Contains)))
            .Where(p => p.Sector is not null)
            .GroupBy(p => p.Sector!, StringComparer.Ordinal)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue))
            .Select(g => new DigestSection(
                g.Key,
                names.GetValueOrDefault(g.Key, g.Key),
                [.. g.Select(p => p.Item).OrderByDescending(i => i.PublishedAt ?? i.FirstSeenAt)]))
            .ToList();
        return new Digest(digestId, until, sections);
    }
}
