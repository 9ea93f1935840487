using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Stories;

namespace RelationsAlerts.Core.Tests.Stories;

public sealed class StorySimilarityTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 12, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Score_IsHigh_ForTranslation()
    {
        // Arrange
        var english = Features("Sindh signs deal for 150 MAZ buses, local assembly",
            "The Sindh government signed a contract with Belarusian automaker MAZ for 150 city buses for Karachi's new routes.");
        var russian = Features("МАЗ поставит 150 автобусов в Карачи",
            "Контракт с правительством провинции Синд предусматривает поставку городских автобусов и организацию их сборки.", hours: 20);

        // Act
        var score = StorySimilarity.Score(english, russian);

        // Assert
        Assert.True(score >= StoryClusterer.Threshold, $"score {score:0.00}");
    }

    [Fact]
    public void Score_IsLow_WhenPartnerCountriesDiffer()
    {
        // Arrange: same wording, different partner.
        var belarus = Features("HEC announces Belarusian government scholarships", "Applications are invited for places at Belarusian universities.");
        var china = Features("HEC announces Chinese government scholarships", "Applications are invited for places at Chinese universities.", hours: 2);

        // Act
        var score = StorySimilarity.Score(belarus, china);

        // Assert
        Assert.True(score < StoryClusterer.Threshold, $"score {score:0.00}");
    }

    [Fact]
    public void Score_IsLower_ForArrivalThanForAnotherSigningReport()
    {
        // Arrange
        var signing = Features("Pakistan, Belarus sign nine agreements during Shehbaz-Lukashenko talks", "The two leaders witnessed the signing in Minsk.");
        var otherSigning = Features("Nine MoUs inked as Shehbaz, Lukashenko pledge new stage in ties", "The documents were signed in Minsk.", hours: 3);
        var arrival = Features("PM Shehbaz arrives in Minsk for talks with Lukashenko", "The prime minister landed in Minsk on Tuesday.", hours: -20);

        // Act
        var same = StorySimilarity.Score(signing, otherSigning);
        var stage = StorySimilarity.Score(signing, arrival);

        // Assert
        Assert.True(stage < same, $"arrival {stage:0.00}, signing {same:0.00}");
    }

    [Fact]
    public void Score_IsZero_OutsideTheWindow()
    {
        // Arrange
        var first = Features("Belarus offers 100 scholarships to Pakistani students", "Under an agreement with the HEC.");
        var copy = first with { Time = first.Time + StorySimilarity.Window + TimeSpan.FromMinutes(1) };

        // Act
        var score = StorySimilarity.Score(first, copy);

        // Assert
        Assert.Equal(0, score);
        Assert.True(StorySimilarity.Score(first, first) > 0.99);
    }

    [Fact]
    public void Score_Decays_AfterTheFirstDay()
    {
        // Arrange
        var first = Features("Belarus offers 100 scholarships to Pakistani students", "Under an agreement with the HEC.");

        // Act
        var sameDay = StorySimilarity.Score(first, first with { Time = first.Time.AddHours(20) });
        var twoDays = StorySimilarity.Score(first, first with { Time = first.Time.AddHours(48) });

        // Assert
        Assert.True(sameDay > twoDays);
        Assert.True(twoDays >= 0.8);
    }

    [Theory]
    [InlineData(new[] { "belarus", "pakistan" }, new[] { "pakistan" }, 1.0)]
    [InlineData(new[] { "belarus", "pakistan" }, new string[0], 1.0)]
    [InlineData(new[] { "belarus", "pakistan" }, new[] { "pakistan", "uzbekistan" }, 1 / 3.0)]
    public void CountryAgreement_PenalisesOnlyConflicts(string[] a, string[] b, double expected) =>
        Assert.Equal(expected, StorySimilarity.CountryAgreement(a, b), 3);

    internal static StoryFeatures Features(string title, string summary, double hours = 0) =>
        StoryFeatureExtractor.Of(new NewsItem
        {
            Id = Guid.NewGuid().ToString("N"),
            FeedId = "f",
            Title = title,
            Summary = summary,
            PublishedAt = Day.AddHours(hours),
            FirstSeenAt = Day.AddHours(hours),
        });
}
