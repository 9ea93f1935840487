using System.Text.RegularExpressions;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Benchmarks;

/// <summary>
/// The naive baseline: one compiled <see cref="Regex"/> per keyword with word-boundary semantics, tried one after another
/// for every topic. It reads the same normalised text as <see cref="SectorTagger"/> ("\bterm\b" for a word or phrase,
/// "\bstem" for a term ending in '*'), so both must return the same tags; the benchmark checks that before timing.
/// </summary>
public sealed class RegexSectorTagger
{
    private readonly (string Id, (string Term, Regex Regex)[] Include, Regex[] Exclude)[] topics;

    public RegexSectorTagger(IEnumerable<Topic> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        this.topics = [.. topics
            .Where(t => t.Enabled)
            .Select(t => (t.Id, Compile(t.Include.Values.SelectMany(v => v)), Compile(t.Exclude.Values.SelectMany(v => v)).Select(p => p.Regex).ToArray()))];
    }

    /// <summary>Number of compiled regexes.</summary>
    public int RegexCount => topics.Sum(t => t.Include.Length + t.Exclude.Length);

    public IReadOnlyList<SectorMatch> Tag(string title, string summary)
    {
        var text = TextNormalizer.Normalize(title + " " + summary);
        var result = new List<SectorMatch>();
        foreach (var (id, include, exclude) in topics)
        {
            if (exclude.Any(r => r.IsMatch(text)))
            {
                continue;
            }

            var terms = include.Where(p => p.Regex.IsMatch(text)).Select(p => p.Term).ToArray();
            if (terms.Length > 0)
            {
                result.Add(new SectorMatch(id, terms));
            }
        }

        return result;
    }

    private static (string Term, Regex Regex)[] Compile(IEnumerable<string> terms) =>
    [.. terms
        .Where(t => !string.IsNullOrWhiteSpace(t))
        .Select(t => (Term: t, Prefix: t.TrimEnd().EndsWith('*'), Words: TextNormalizer.Normalize(t.TrimEnd().TrimEnd('*')).Trim()))
        .Where(t => t.Words.Length > 0)
        .DistinctBy(t => (t.Words, t.Prefix))
        .Select(t => (t.Term, new Regex(@"\b" + Regex.Escape(t.Words) + (t.Prefix ? "" : @"\b"), RegexOptions.Compiled | RegexOptions.CultureInvariant)))];
}
