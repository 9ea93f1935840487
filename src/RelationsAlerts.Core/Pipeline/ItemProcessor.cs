using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Parsing;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>Turns a parsed entry into a stored item, or nothing when it is not about Pakistan–Belarus relations.</summary>
public static class ItemProcessor
{
    public static NewsItem? Process(ParsedItem parsed, string feedId, SectorTagger tagger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(tagger);
        var analysis = ItemAnalysis.Of(parsed.Title, parsed.Summary, tagger);
        if (!analysis.Relevance.IsRelevant)
        {
            return null;
        }

        return new NewsItem
        {
            Id = ItemIdentity.Of(parsed),
            FeedId = feedId,
            Title = parsed.Title,
            Link = parsed.Link,
            Summary = parsed.Summary,
            Source = parsed.Source,
            // Future dates are clamped: a wrong clock at the publisher must not pin an item to the top.
            PublishedAt = parsed.PublishedAt > now ? now : parsed.PublishedAt,
            FirstSeenAt = now,
            Sectors = [.. analysis.Sectors.Select(s => s.SectorId)],
            RelevanceScore = analysis.Relevance.Score,
            Reasons = analysis.Reasons,
        };
    }
}
