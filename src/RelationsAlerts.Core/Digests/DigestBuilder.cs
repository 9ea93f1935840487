using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Digests;

/// <summary>
/// Selects and groups a subscriber's items. Reports of one story (same <see cref="NewsItem.StoryId"/>) become one entry,
/// headed by the earliest report, with the other reports' outlets as "also reported by". An entry appears once, under
/// the first of its lead's sectors the subscriber follows.
/// </summary>
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
            .Where(i => i.Sectors.Any(wanted.Contains))
            .GroupBy(i => i.StoryId is { } story ? "story:" + story : "item:" + i.Id, StringComparer.Ordinal)
            .Select(Entry)
            .GroupBy(e => e.Lead.Sectors.First(wanted.Contains), StringComparer.Ordinal)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue))
            .Select(g => new DigestSection(
                g.Key,
                names.GetValueOrDefault(g.Key, g.Key),
                [.. g.Select(e => e.Lead).OrderByDescending(i => i.PublishedAt ?? i.FirstSeenAt)])
            {
                AlsoReportedBy = g.Where(e => e.Others.Count > 0).ToDictionary(e => e.Lead.Id, e => e.Others, StringComparer.Ordinal),
            })
            .ToList();
        return new Digest(digestId, until, sections);
    }

    private static (NewsItem Lead, IReadOnlyList<string> Others) Entry(IEnumerable<NewsItem> reports)
    {
        var ordered = reports.OrderBy(i => i.PublishedAt ?? i.FirstSeenAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        var lead = Outlet(ordered[0]);
        IReadOnlyList<string> others = [.. ordered.Skip(1)
            .Select(Outlet)
            .OfType<string>()
            .Where(o => !string.Equals(o, lead, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
        return (ordered[0], others);
    }

    private static string? Outlet(NewsItem item) => item.Source is { Length: > 0 } source ? source : item.Link?.Host;
}
