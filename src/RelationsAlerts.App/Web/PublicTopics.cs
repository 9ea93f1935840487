using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.App.Web;

/// <summary>The sectors the public pages offer: enabled topics, seed sectors in their curated order, then the rest by name.</summary>
internal static class PublicTopics
{
    public static async Task<IReadOnlyList<Topic>> ListAsync(ITopicStore topics, CancellationToken cancellationToken)
    {
        var order = DefaultTopics.Ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        return [.. (await topics.ListAsync(cancellationToken))
            .Where(t => t.Enabled)
            .OrderBy(t => order.GetValueOrDefault(t.Id, int.MaxValue))
            .ThenBy(t => t.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    public static HashSet<string> Ids(IEnumerable<Topic> topics) => topics.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
}
