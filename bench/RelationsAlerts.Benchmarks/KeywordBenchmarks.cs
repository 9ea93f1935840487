using BenchmarkDotNet.Attributes;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Benchmarks;

/// <summary>
/// Sector tagging of about 1 MB (UTF-8) of synthetic English/Russian/Urdu news with <see cref="DefaultTopics"/>:
/// our one-pass automaton tagger against one compiled regex per keyword. Two breakdown rows time the automaton's scan
/// alone (pre-normalised text) and <see cref="TextNormalizer.Normalize"/> alone, which both taggers pay.
/// </summary>
/// <remarks>BenchmarkDotNet derives from benchmark classes, so this one cannot be sealed.</remarks>
[MemoryDiagnoser]
public class KeywordBenchmarks
{
    public const int TargetBytes = 1_000_000;

    private IReadOnlyList<NewsItem> items = [];
    private string[] normalized = [];
    private SectorTagger automatonTagger = null!;
    private RegexSectorTagger regexTagger = null!;
    private KeywordAutomaton automaton = null!;

    /// <summary>Input size in bytes per benchmark method, for the MB/s column.</summary>
    public static IReadOnlyDictionary<string, long> BytesPerOperation { get; } = ComputeSizes();

    [GlobalSetup]
    public void Setup()
    {
        items = NewsCorpus.Generate(TargetBytes);
        normalized = [.. items.Select(i => TextNormalizer.Normalize(i.Title + " " + i.Summary))];
        automatonTagger = new SectorTagger(DefaultTopics.All);
        regexTagger = new RegexSectorTagger(DefaultTopics.All);
        automaton = new KeywordAutomaton(DefaultTopics.All
            .SelectMany(t => t.Include.Values.SelectMany(v => v))
            .Select(t => new KeywordPattern(KeywordNeedle(t), 0))
            .Where(p => p.Text.Trim().Length > 0));
        VerifySameTags(items, automatonTagger, regexTagger);
    }

    [Benchmark(Baseline = true, Description = "baseline")]
    public int RegexPerKeyword()
    {
        var tags = 0;
        foreach (var item in items)
        {
            tags += regexTagger.Tag(item.Title, item.Summary).Count;
        }

        return tags;
    }

    [Benchmark(Description = "automaton")]
    public int Automaton()
    {
        var tags = 0;
        foreach (var item in items)
        {
            tags += automatonTagger.Tag(item.Title, item.Summary).Count;
        }

        return tags;
    }

    [Benchmark(Description = "scan-only")]
    public int AutomatonScanOnly()
    {
        Span<bool> found = stackalloc bool[automaton.PatternCount];
        var hits = 0;
        foreach (var text in normalized)
        {
            found.Clear();
            hits += automaton.Match(text, found);
        }

        return hits;
    }

    [Benchmark(Description = "normalize-only")]
    public int NormalizeOnly()
    {
        var length = 0;
        foreach (var item in items)
        {
            length += TextNormalizer.Normalize(item.Title + " " + item.Summary).Length;
        }

        return length;
    }

    /// <summary>Throws unless both taggers give the same sectors and terms for every item.</summary>
    public static void VerifySameTags(IReadOnlyList<NewsItem> items, SectorTagger automatonTagger, RegexSectorTagger regexTagger)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(automatonTagger);
        ArgumentNullException.ThrowIfNull(regexTagger);
        foreach (var item in items)
        {
            var a = Describe(automatonTagger.Tag(item.Title, item.Summary));
            var b = Describe(regexTagger.Tag(item.Title, item.Summary));
            if (a != b)
            {
                throw new InvalidOperationException($"taggers disagree on '{item.Title}': automaton [{a}] regex [{b}]");
            }
        }

        static string Describe(IReadOnlyList<SectorMatch> matches) => string.Join("; ", matches.Select(m => m.SectorId + ":" + string.Join("|", m.Terms)));
    }

    private static string KeywordNeedle(string term)
    {
        var prefix = term.TrimEnd().EndsWith('*');
        var normalizedTerm = TextNormalizer.Normalize(term.TrimEnd().TrimEnd('*'));
        return prefix ? normalizedTerm.TrimEnd() : normalizedTerm;
    }

    private static Dictionary<string, long> ComputeSizes()
    {
        var corpus = NewsCorpus.Generate(TargetBytes);
        long raw = corpus.Sum(NewsCorpus.Utf8Bytes);
        long scanned = corpus.Sum(i => (long)System.Text.Encoding.UTF8.GetByteCount(TextNormalizer.Normalize(i.Title + " " + i.Summary)));
        return new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [nameof(RegexPerKeyword)] = raw,
            [nameof(Automaton)] = raw,
            [nameof(AutomatonScanOnly)] = scanned,
            [nameof(NormalizeOnly)] = raw,
        };
    }
}
