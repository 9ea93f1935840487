using System.Text;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Parsing;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.Core.Tests.Pipeline;

public sealed class FeedBodyParserTests
{
    private const string Rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Dawn</title><item><title>Pakistan, Belarus sign MoU</title><link>https://www.dawn.com/news/1</link></item></channel></rss>";
    private const string ArtList = "{\"articles\":[{\"url\":\"https://www.dawn.com/news/1\",\"title\":\"Pakistan, Belarus sign MoU\",\"seendate\":\"20230918T031500Z\",\"domain\":\"dawn.com\"}]}";
    private static readonly Uri Url = new("https://feeds.example.org/feed");

    [Theory]
    [InlineData(FeedType.Rss, Rss, "Dawn")]
    [InlineData(FeedType.Gdelt, Rss, "Dawn")] // GDELT format=rss
    [InlineData(FeedType.Rss, ArtList, "GDELT DOC 2.0")] // picked by content
    [InlineData(FeedType.Gdelt, ArtList, "GDELT DOC 2.0")]
    [InlineData(FeedType.GoogleNews, "\uFEFF\n " + ArtList, "GDELT DOC 2.0")]
    public void Parse_PicksParser_ByContentThenType(FeedType type, string body, string expectedTitle)
    {
        // Act
        var feed = FeedBodyParser.Parse(type, Encoding.UTF8.GetBytes(body), null, Url);

        // Assert
        Assert.Equal(expectedTitle, feed.Title);
        Assert.Equal("Pakistan, Belarus sign MoU", Assert.Single(feed.Items).Title);
    }

    [Theory]
    [InlineData(FeedType.Gdelt, "<!DOCTYPE html><html><body>Please limit requests to one every 5 seconds</body></html>", "gdelt: expected a JSON object")]
    [InlineData(FeedType.Gdelt, "Invalid query", "gdelt: expected a JSON object, got: \"Invalid query\"")]
    [InlineData(FeedType.Rss, "<html><body>Not found</body></html>", "parse: not an RSS")]
    public void Parse_ReportsError_OfTheParserForTheFeed(FeedType type, string body, string expectedStart)
    {
        // Act
        var error = Assert.Throws<FeedParseException>(() => FeedBodyParser.Parse(type, Encoding.UTF8.GetBytes(body), "text/html", Url));

        // Assert
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }
}
