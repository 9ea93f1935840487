using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Stories;
using RelationsAlerts.Core.Tests.Infrastructure;

namespace RelationsAlerts.Core.Tests.Stories;

/// <summary>
/// Pairwise precision and recall of "same story" on the labelled dev set: every item (relevant and negative, with its
/// label) is clustered in publication order exactly as the poller files them; two items are a predicted pair when they
/// share a story. Cross-language pairs (en–ru, en–ur) are reported separately.
/// </summary>
public sealed class StoryClusteringEvaluationTests
{
    private const double MinimumF1 = 0.90;

    [Fact]
    public async Task Clusterer_MeetsF1Target_OnDevSet()
    {
        // Arrange
        var output = TestContext.Current.TestOutputHelper!;
        var tagger = new SectorTagger(DefaultTopics.All);
        var items = DevSet.All.Select(d => d.ToNewsItem(tagger)).ToList();
        var byId = DevSet.All.ToDictionary(d => d.Id, StringComparer.Ordinal);

        // Act
        var stories = await StoryAssigner.ClusterAsync(items, TestContext.Current.CancellationToken);

        // Assert
        var predicted = Pairs(stories.Select(p => (p.Key, (string?)p.Value)));
        var gold = Pairs(DevSet.All.Select(d => (d.Id, d.Story)));
        var overall = Measure(predicted, gold, _ => true);
        var crossLanguage = Measure(predicted, gold, p => IsCrossLanguage(byId[p.A].Lang, byId[p.B].Lang));
        foreach (var (a, b) in predicted.Except(gold).Order())
        {
            output.WriteLine($"FALSE PAIR {byId[a]} || {byId[b]}");
        }

        foreach (var (a, b) in gold.Except(predicted).Order())
        {
            output.WriteLine($"MISSED PAIR {byId[a]} || {byId[b]}");
        }

        output.WriteLine($"all pairs: {overall}");
        output.WriteLine($"cross-language pairs (en-ru, en-ur): {crossLanguage}");
        foreach (var languages in new[] { ("en", "ru"), ("en", "ur"), ("en", "en") })
        {
            output.WriteLine($"{languages.Item1}-{languages.Item2} pairs: {Measure(predicted, gold, p => SameLanguages(byId[p.A].Lang, byId[p.B].Lang, languages))}");
        }

        Assert.True(overall.F1 >= MinimumF1, $"story F1 {overall}");
    }

    private static HashSet<(string A, string B)> Pairs(IEnumerable<(string Id, string? Story)> labels) =>
    [.. labels
        .Where(l => l.Story is not null)
        .GroupBy(l => l.Story!, StringComparer.Ordinal)
        .SelectMany(g => g.SelectMany(x => g.Where(y => string.CompareOrdinal(x.Id, y.Id) < 0).Select(y => (x.Id, y.Id))))];

    private static PairScore Measure(HashSet<(string A, string B)> predicted, HashSet<(string A, string B)> gold, Func<(string A, string B), bool> include)
    {
        var p = predicted.Where(include).ToHashSet();
        var g = gold.Where(include).ToHashSet();
        return new PairScore(p.Count(g.Contains), p.Count, g.Count);
    }

    private static bool IsCrossLanguage(string a, string b) =>
        SameLanguages(a, b, ("en", "ru")) || SameLanguages(a, b, ("en", "ur"));

    private static bool SameLanguages(string a, string b, (string, string) pair) =>
        (a == pair.Item1 && b == pair.Item2) || (a == pair.Item2 && b == pair.Item1);

    private sealed record PairScore(int TruePositives, int Predicted, int Gold)
    {
        public double Precision => Predicted == 0 ? 1 : TruePositives / (double)Predicted;

        public double Recall => Gold == 0 ? 1 : TruePositives / (double)Gold;

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

        public override string ToString() =>
            FormattableString.Invariant($"precision {Precision:0.000} recall {Recall:0.000} F1 {F1:0.000} ({TruePositives} of {Predicted} predicted, {Gold} labelled)");
    }
}
