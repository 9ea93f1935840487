using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Tests.Infrastructure;

namespace RelationsAlerts.Core.Tests.Relevance;

public sealed class SectorTaggerTests
{
    [Fact]
    public void DefaultTopics_HasExactlyTheFourteenSectorIds()
    {
        // Assert
        Assert.Equal(
            ["agriculture", "industry", "health", "trade", "energy", "education", "science-technology", "tourism", "media-culture",
             "defence-security", "transport", "environment", "labour", "diplomacy"],
            DefaultTopics.Ids);
    }

    [Fact]
    public void Tag_FindsLabelledSectors_OnRelevantSamples()
    {
        // Arrange
        var tagger = new SectorTagger(DefaultTopics.All);
        var relevant = SampleCorpus.All.Where(i => i.Relevant).ToList();

        // Act
        var predicted = relevant.Select(i => (i, Sectors: tagger.Tag(i.Item.Title, i.Item.Summary).Select(m => m.SectorId).ToHashSet())).ToList();

        // Assert
        int tp = 0, fp = 0, fn = 0;
        var output = TestContext.Current.TestOutputHelper!;
        foreach (var (item, sectors) in predicted)
        {
            tp += item.Sectors.Count(sectors.Contains);
            fn += item.Sectors.Count(s => !sectors.Contains(s));
            fp += sectors.Count(s => !item.Sectors.Contains(s));
            output.WriteLine($"{item}: labelled [{string.Join(",", item.Sectors)}] predicted [{string.Join(",", sectors)}]");
        }

        var recall = tp / (double)(tp + fn);
        var precision = tp / (double)(tp + fp);
        output.WriteLine($"sector micro precision {precision:0.000}, recall {recall:0.000}");
        // Multi-label: an extra plausible sector costs less than a missed one, so recall carries the stricter bar.
        Assert.True(recall >= 0.9, $"recall {recall:0.000}");
        Assert.True(precision >= 0.5, $"precision {precision:0.000}");
    }

    [Fact]
    public void Tag_SkipsTopic_WhenExcludeTermMatches()
    {
        // Arrange
        var topic = new Topic
        {
            Id = "energy",
            DisplayName = "Energy",
            Include = new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["oil*"] },
            Exclude = new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["palm oil"] },
        };
        var tagger = new SectorTagger([topic]);

        // Act
        var kept = tagger.Tag("Oil refinery deal", "");
        var excluded = tagger.Tag("Palm oil imports rise", "");

        // Assert
        Assert.Equal("energy", Assert.Single(kept).SectorId);
        Assert.Empty(excluded);
    }
}
