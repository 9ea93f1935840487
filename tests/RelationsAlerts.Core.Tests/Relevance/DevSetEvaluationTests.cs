using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Tests.Infrastructure;

namespace RelationsAlerts.Core.Tests.Relevance;

/// <summary>Precision, recall and sector micro-F1 on the labelled development set (issue targets: 0.97 / 0.95 / 0.90).</summary>
public sealed class DevSetEvaluationTests
{
    [Fact]
    public void Classifier_MeetsTargets_OnDevSet()
    {
        // Arrange
        var tagger = new SectorTagger(DefaultTopics.All);
        var output = TestContext.Current.TestOutputHelper!;

        // Act
        int tp = 0, fp = 0, fn = 0, stp = 0, sfp = 0, sfn = 0;
        foreach (var item in DevSet.All)
        {
            var decision = RelevanceClassifier.Classify(item.Title, item.Summary);
            if (decision.IsRelevant && item.Relevant)
            {
                tp++;
            }
            else if (decision.IsRelevant)
            {
                fp++;
                output.WriteLine($"FALSE POSITIVE {item}: {string.Join(" | ", decision.Reasons)}");
            }
            else if (item.Relevant)
            {
                fn++;
                output.WriteLine($"MISSED {item}: {string.Join(" | ", decision.Reasons)}");
            }

            if (item.Relevant)
            {
                var matches = tagger.Tag(item.Title, item.Summary);
                var sectors = matches.Select(m => m.SectorId).ToHashSet();
                stp += item.Sectors.Count(sectors.Contains);
                sfn += item.Sectors.Count(s => !sectors.Contains(s));
                sfp += sectors.Count(s => !item.Sectors.Contains(s));
                if (!sectors.SetEquals(item.Sectors))
                {
                    var extra = matches.Where(m => !item.Sectors.Contains(m.SectorId)).Select(m => $"{m.SectorId}({string.Join("/", m.Terms)})");
                    output.WriteLine($"SECTORS {item}: missing [{string.Join(",", item.Sectors.Where(s => !sectors.Contains(s)))}] extra [{string.Join(",", extra)}]");
                }
            }
        }

        // Assert
        var precision = tp / (double)Math.Max(1, tp + fp);
        var recall = tp / (double)Math.Max(1, tp + fn);
        var sectorF1 = 2.0 * stp / Math.Max(1, (2 * stp) + sfp + sfn);
        output.WriteLine($"relevance precision {precision:0.000} recall {recall:0.000} (tp {tp}, fp {fp}, fn {fn}); sector micro-F1 {sectorF1:0.000}");
        Assert.True(precision >= 0.97, $"precision {precision:0.000}");
        Assert.True(recall >= 0.95, $"recall {recall:0.000}");
        Assert.True(sectorF1 >= 0.90, $"sector micro-F1 {sectorF1:0.000}");
    }
}
