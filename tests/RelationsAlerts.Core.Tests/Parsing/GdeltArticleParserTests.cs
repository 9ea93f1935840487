using System.Text;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Parsing;

public sealed class GdeltArticleParserTests
{
    private static readonly Uri FeedUrl = new("https://api.gdeltproject.org/api/v2/doc/doc?query=(Pakistan%20OR%20Pakistani)%20(Belarus%20OR%20Minsk)&mode=ArtList&format=json&maxrecords=250&timespan=24h&sort=DateDesc");

    [Fact]
    public void Parse_MapsArticles_FromSavedArtList()
    {
        // Arrange
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "gdelt", "artlist-pakistan-belarus.json"));

        // Act
        var feed = GdeltArticleParser.Parse(body, FeedUrl);

        // Assert
        Assert.Equal("GDELT: (Pakistan OR Pakistani) (Belarus OR Minsk)", feed.Title);
        Assert.Equal(5, feed.Items.Count);
        Assert.Equal(6, feed.Entries.Count);
        var dawn = feed.Items[0];
        Assert.Equal("Pakistan , Belarus agree to expand cooperation in agriculture machinery", dawn.Title);
        Assert.Equal(new Uri("https://www.dawn.com/news/1781234/pakistan-belarus-agree-to-expand-cooperation-in-agriculture-machinery"), dawn.Link);
        Assert.Equal(dawn.Link!.AbsoluteUri, dawn.EntryId);
        Assert.Equal(new DateTimeOffset(2023, 9, 18, 3, 15, 0, TimeSpan.Zero), dawn.PublishedAt);
        Assert.Equal(TimeSpan.Zero, dawn.PublishedAt!.Value.Offset);
        Assert.Equal("dawn.com", dawn.Source);
        Assert.Equal("", dawn.Summary);
        Assert.Equal("Лукашенко : Пакистан является надежным партнером Беларуси в Азии", feed.Items[1].Title);
        Assert.Equal("belta.by", feed.Items[1].Source);
        Assert.Equal("پاکستان اور بیلاروس کا زرعی شعبے میں تعاون بڑھانے پر اتفاق", feed.Items[2].Title);
        Assert.Equal("Belarusian tractors to be assembled in Pakistan & exported to Afghanistan", feed.Items[3].Title);
    }

    [Fact]
    public void Parse_KeepsArticle_WithBadUrlAndDate_AsTitleOnly()
    {
        // Arrange
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "gdelt", "artlist-pakistan-belarus.json"));

        // Act
        var item = GdeltArticleParser.Parse(body, FeedUrl).Items[4];

        // Assert
        Assert.Equal("Minsk hosts Pakistani trade delegation", item.Title);
        Assert.Null(item.Link);
        Assert.Null(item.PublishedAt);
        Assert.Equal("example.by", item.Source);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\uFEFF  {}\n")]
    [InlineData("{\"articles\":[]}")]
    public void Parse_ReturnsEmptyFeed_WhenNothingMatched(string json)
    {
        // Act
        var feed = GdeltArticleParser.Parse(Encoding.UTF8.GetBytes(json), FeedUrl);

        // Assert
        Assert.Empty(feed.Items);
    }

    [Fact]
    public void Parse_ToleratesRawControlCharacters_InTitles()
    {
        // Arrange
        var json = "{\"articles\":[{\"url\":\"https://example.pk/a\",\"title\":\"Pakistan\tBelarus\ntalks\",\"seendate\":\"20240102T030405Z\"}]}";

        // Act
        var item = Assert.Single(GdeltArticleParser.Parse(Encoding.UTF8.GetBytes(json), FeedUrl).Items);

        // Assert
        Assert.Equal("Pakistan Belarus talks", item.Title);
        Assert.Equal("example.pk", item.Source);
    }

    public static TheoryData<string, string> Malformed { get; } = new()
    {
        { "{\"articles\": [ { \"url\": \"https://www.dawn.com/news/1\", \"title\": \"Pakistan", "gdelt: malformed JSON at line 1" },
        { "{\"articles\": [ { \"url\": 'https://x' } ] }", "gdelt: malformed JSON at line 1, byte 25" },
        { "{\"status\": \"error\"}", "gdelt: JSON object has no \"articles\" array" },
        { "{\"articles\": {\"url\": \"https://x\"}}", "gdelt: \"articles\" is Object, not an array" },
        { "Please limit requests to one every 5 seconds or contact kalev.leetaru5@gmail.com for larger queries.", "gdelt: expected a JSON object, got: \"Please limit requests to one every 5 seconds" },
        { "<html><head><title>Error</title></head><body><p>Your search contained a keyword that was too short.</p></body></html>", "gdelt: expected a JSON object, got: \"Error Your search contained a keyword that was too short.\"" },
        { "", "gdelt: expected a JSON object, got: an empty body" },
        { "[{\"url\": \"https://x\"}]", "gdelt: expected a JSON object with \"articles\", got a JSON array" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_ThrowsClearError_ForMalformedResponses(string body, string expectedStart)
    {
        // Act
        var error = Assert.Throws<FeedParseException>(() => GdeltArticleParser.Parse(Encoding.UTF8.GetBytes(body), FeedUrl));

        // Assert
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }
}
