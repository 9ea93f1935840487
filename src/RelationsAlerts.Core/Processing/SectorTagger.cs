namespace RelationsAlerts.Core.Processing;

/// <summary>Multi-label sector tagging: an item gets every enabled topic whose include terms match and whose exclude terms do not.</summary>
public sealed class SectorTagger
{
    private readonly (Topic Topic, KeywordMatcher Include, KeywordMatcher Exclude)[] topics;

    public SectorTagger(IEnumerable<Topic> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        this.topics = [.. topics
            .Where(t => t.Enabled)
            .Select(t => (t, new KeywordMatcher(t.Include.Values.SelectMany(v => v)), new KeywordMatcher(t.Exclude.Values.SelectMany(v => v))))];
    }

    public IReadOnlyList<SectorMatch> Tag(string title, string summary)
    {
        var text = TextNormalizer.Normalize(title + " " + summary);
        return [.. topics
            .Where(t => !t.Exclude.IsMatch(text))
            .Select(t => new SectorMatch(t.Topic.Id, t.Include.Matches(text)))
            .Where(m => m.Terms.Count > 0)];
    }
}

/// <summary>A sector an item belongs to, with the terms that put it there.</summary>
public sealed record SectorMatch(string SectorId, IReadOnlyList<string> Terms);
