using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Tests.Infrastructure;

namespace RelationsAlerts.Core.Tests.Relevance;

public sealed class RelevanceClassifierTests
{
    [Fact]
    public void Classify_MeetsPrecisionAndRecall_OnLabelledSamples()
    {
        // Arrange
        var items = SampleCorpus.All;

        // Act
        var results = items.Select(i => (i, Decision: RelevanceClassifier.Classify(i.Item.Title, i.Item.Summary))).ToList();

        // Assert
        var tp = results.Count(r => r.i.Relevant && r.Decision.IsRelevant);
        var fp = results.Where(r => !r.i.Relevant && r.Decision.IsRelevant).ToList();
        var fn = results.Where(r => r.i.Relevant && !r.Decision.IsRelevant).ToList();
        var precision = tp / (double)(tp + fp.Count);
        var recall = tp / (double)(tp + fn.Count);
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"items {items.Count}, precision {precision:0.000}, recall {recall:0.000}");
        foreach (var (item, decision) in fp.Concat(fn))
        {
            output.WriteLine($"WRONG {item}: {string.Join(" | ", decision.Reasons)}");
        }

        Assert.True(precision >= 0.95, $"precision {precision:0.000}");
        Assert.True(recall >= 0.95, $"recall {recall:0.000}");
    }

    [Theory]
    [InlineData("Pakistan, Belarus sign agreement on agricultural machinery", "Islamabad and Minsk signed an MoU on tractor assembly.")]
    [InlineData("Lukashenko receives Shehbaz Sharif in Minsk", "The leaders discussed trade and investment.")]
    [InlineData("Пакистан и Беларусь подписали соглашение о сотрудничестве", "Стороны договорились расширить торговлю.")]
    [InlineData("پاکستان اور بیلاروس کے درمیان تجارت بڑھانے کا معاہدہ", "دونوں ممالک نے تعاون پر اتفاق کیا۔")]
    public void Classify_Keeps_BilateralInteraction(string title, string summary)
    {
        // Act
        var decision = RelevanceClassifier.Classify(title, summary);

        // Assert
        Assert.True(decision.IsRelevant, string.Join(" | ", decision.Reasons));
        Assert.Contains(decision.Reasons, r => r.StartsWith("kept", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("IMF board approves Pakistan tranche", "Islamabad welcomed the decision.")]
    [InlineData("Minsk harvest hits record", "Belarus farmers gathered 9 million tonnes of grain.")]
    [InlineData("Davis Cup: Pakistan vs Belarus tie set for Islamabad", "The fixture will be played on grass.")]
    [InlineData("Leaders gather in Tashkent", "Delegations from Russia, China, India, Iran, Pakistan, Belarus, Kazakhstan and Uzbekistan attended the forum.")]
    [InlineData("Kremlin recalls Minsk agreements", "Moscow said the Minsk agreements failed. Separately, Pakistan and Belarus held talks.")]
    [InlineData("News round-up", "Pakistan's cabinet approved the budget. In Belarus, the parliament opened its session.")]
    public void Classify_Drops_CoOccurrenceWithoutInteraction(string title, string summary)
    {
        // Act
        var decision = RelevanceClassifier.Classify(title, summary);

        // Assert
        Assert.False(decision.IsRelevant, string.Join(" | ", decision.Reasons));
        Assert.NotEmpty(decision.Reasons);
    }
}
