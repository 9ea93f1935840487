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
        var relevance = RelevanceClassifier.Classify(parsed.Title, parsed.Summary);
        if (!relevance.IsRelevant)
        {
            return null;
        }

        var sectors = tagger.Tag(parsed.Title, parsed.Summary);
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
            Sectors = [.. sectors.Select(s => s.SectorId)],
            RelevanceScore = relevance.Score,
            Reasons = [.. relevance.Reasons, .. sectors.Select(s => $"sector {s.SectorId}: {string.Join(", ", s.Terms)}")],
        };
    }
}
