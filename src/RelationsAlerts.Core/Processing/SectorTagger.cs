namespace RelationsAlerts.Core.Processing;

/// <summary>Multi-label sector tagging: an item gets every enabled topic whose include terms match and whose exclude terms do not.</summary>
/// <remarks>
/// All topics' include and exclude terms live in one <see cref="KeywordAutomaton"/>, so <see cref="Tag"/> reads the text once
/// however many topics there are. Per topic, terms are prepared exactly as <see cref="KeywordMatcher"/> prepares them.
/// </remarks>
public sealed class SectorTagger
{
    private const int StackLimit = 1024;

    private readonly TopicRange[] topics;
    private readonly string[] terms;
    private readonly KeywordAutomaton automaton;

    public SectorTagger(IEnumerable<Topic> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var ranges = new List<TopicRange>();
        var patterns = new List<KeywordPattern>();
        var termList = new List<string>();
        foreach (var topic in topics.Where(t => t.Enabled))
        {
            // Pattern ids are laid out topic by topic: include terms in configuration order, then exclude terms.
            var topicIndex = ranges.Count;
            var includeStart = patterns.Count;
            foreach (var (term, needle) in KeywordMatcher.Prepare(topic.Include.Values.SelectMany(v => v)))
            {
                termList.Add(term);
                patterns.Add(new KeywordPattern(needle, topicIndex));
            }

            var excludeStart = patterns.Count;
            foreach (var (term, needle) in KeywordMatcher.Prepare(topic.Exclude.Values.SelectMany(v => v)))
            {
                termList.Add(term);
                patterns.Add(new KeywordPattern(needle, topicIndex));
            }

            ranges.Add(new TopicRange(topic.Id, includeStart, excludeStart, patterns.Count));
        }

        this.topics = [.. ranges];
        terms = [.. termList];
        automaton = new KeywordAutomaton(patterns);
    }

    public IReadOnlyList<SectorMatch> Tag(string title, string summary)
    {
        var text = TextNormalizer.Normalize(title + " " + summary);
        var found = terms.Length <= StackLimit ? stackalloc bool[terms.Length] : new bool[terms.Length];
        if (automaton.Match(text, found) == 0)
        {
            return [];
        }

        var result = new List<SectorMatch>();
        foreach (var topic in topics)
        {
            if (found[topic.ExcludeStart..topic.End].Contains(true))
            {
                continue;
            }

            var include = found[topic.IncludeStart..topic.ExcludeStart];
            var count = include.Count(true);
            if (count == 0)
            {
                continue;
            }

            var matched = new string[count];
            for (int i = 0, n = 0; n < count; i++)
            {
                if (include[i])
                {
                    matched[n++] = terms[topic.IncludeStart + i];
                }
            }

            result.Add(new SectorMatch(topic.Id, matched));
        }

        return result;
    }

    /// <summary>A topic's pattern ids: include terms in [IncludeStart, ExcludeStart), exclude terms in [ExcludeStart, End).</summary>
    private readonly record struct TopicRange(string Id, int IncludeStart, int ExcludeStart, int End);
}

/// <summary>A sector an item belongs to, with the terms that put it there.</summary>
public sealed record SectorMatch(string SectorId, IReadOnlyList<string> Terms);
