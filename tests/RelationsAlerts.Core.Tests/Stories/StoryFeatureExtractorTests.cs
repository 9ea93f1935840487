using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Stories;

namespace RelationsAlerts.Core.Tests.Stories;

public sealed class StoryFeatureExtractorTests
{
    private static readonly DateTimeOffset Noon = new(2026, 10, 14, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("MTZ to double tractor assembly in Punjab", "tractor")]
    [InlineData("МТЗ удвоит сборку тракторов в Пенджабе", "tractor")]
    [InlineData("ملتان میں بیلاروسی ٹریکٹر کمپنی کا سروس سینٹر قائم", "tractor")]
    [InlineData("Беларусь и Пакистан подписали протокол заседания совместной комиссии", "jmc")]
    [InlineData("Лукашенко принял верительные грамоты у посла Пакистана", "lukashenko")]
    [InlineData("Лукашенко принял верительные грамоты у посла Пакистана", "president")] // implied by the leader
    [InlineData("وزیراعظم شہباز شریف سرکاری دورے پر منسک پہنچ گئے", "shehbaz")]
    public void Of_FindsLanguageIndependentConcepts(string title, string concept)
    {
        // Act
        var features = StoryFeatureExtractor.Of(Item(title));

        // Assert
        Assert.Contains(concept, features.Concepts);
    }

    [Fact]
    public void Of_DerivesCountries_FromPlacesAndLeaders()
    {
        // Act
        var features = StoryFeatureExtractor.Of(Item("Minsk-Karachi rail freight trial on the cards"));

        // Assert
        Assert.Equal(["belarus", "pakistan"], features.Countries);
        Assert.DoesNotContain("belarus", features.Concepts);
    }

    [Theory]
    [InlineData("Pakistan to receive 150,000 tonnes of Belarusian potash", "150000")]
    [InlineData("БКК законтрактовала 150 тыс. тонн калия для Пакистана", "150000")]
    [InlineData("Pakistani firms sign $120m deals", "120000000")]
    [InlineData("подписаны контракты на $120 млн", "120000000")]
    [InlineData("Belarus-Pakistan trade up 28pc in nine months", "28%")]
    [InlineData("Товарооборот за девять месяцев вырос на 28%", "28%")]
    [InlineData("تقریباً 40 لاکھ ڈالر کے ابتدائی آرڈر", "4000000")]
    [InlineData("Pakistan, Belarus sign nine agreements", "9")]
    [InlineData("پاکستان اور بیلاروس کے درمیان 9 مفاہمتی یادداشتوں پر دستخط", "9")]
    public void Of_ScalesNumbers_AcrossLanguages(string title, string number)
    {
        // Act
        var features = StoryFeatureExtractor.Of(Item(title));

        // Assert
        Assert.Contains(number, features.Numbers);
    }

    [Fact]
    public void Of_SkipsYearsAndSmallNumbers()
    {
        // Act
        var features = StoryFeatureExtractor.Of(Item("Two-day visit: 2 sides agree on 2027 programme"));

        // Assert
        Assert.Empty(features.Numbers);
    }

    [Fact]
    public void Of_KeysNames_AcrossLatinAndCyrillic()
    {
        // Act: neither name is in the lexicon.
        var english = StoryFeatureExtractor.Of(Item("Talks with Viktor Khrapovitsky in Antalya"));
        var russian = StoryFeatureExtractor.Of(Item("Переговоры с Виктором Храповицким в Анталье"));

        // Assert
        Assert.NotEmpty(english.Names.Intersect(russian.Names));
    }

    [Fact]
    public void Of_DropsGoogleNewsPublisherSuffix_AndRepeatedSummary()
    {
        // Arrange
        var item = Item("Dar, Ryzhenkov review Pakistan-Belarus roadmap in Islamabad - Indus Herald") with
        {
            Summary = "Dar, Ryzhenkov review Pakistan-Belarus roadmap in Islamabad  Indus Herald",
            Source = "Indus Herald",
            Link = new Uri("https://news.google.com/rss/articles/CBMiWmh0dHBzOi8vaW5kdXN"),
        };

        // Act
        var (title, summary) = StoryFeatureExtractor.Headline(item);
        var features = StoryFeatureExtractor.Of(item);

        // Assert
        Assert.Equal("Dar, Ryzhenkov review Pakistan-Belarus roadmap in Islamabad", title);
        Assert.Equal("", summary);
        Assert.DoesNotContain(features.Names, n => n.StartsWith("hr", StringComparison.Ordinal));
        Assert.Contains("ryzhenkov", features.TitleConcepts);
    }

    [Theory]
    [InlineData("Ryzhenkov", "рыженков")]
    [InlineData("ryzhenkov", "рыженковым")]
    [InlineData("lukashenko", "лукашенко")]
    [InlineData("shahbaz", "шахбаз")]
    [InlineData("karachi", "карачи")]
    [InlineData("ishaq", "исхаком")]
    [InlineData("thar", "тхар")]
    public void NameKeys_Agree_AcrossScripts(string latin, string cyrillic) =>
        Assert.Equal(NameKeys.Of(latin.ToLowerInvariant()), NameKeys.Of(cyrillic));

    private static NewsItem Item(string title) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        FeedId = "f",
        Title = title,
        FirstSeenAt = Noon,
        PublishedAt = Noon,
    };
}
