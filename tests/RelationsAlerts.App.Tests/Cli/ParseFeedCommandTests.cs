using System.Text.Json;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Core.Parsing;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.App.Tests.Cli;

/// <summary><c>parse-feed</c>, run as a separate process over files on disk.</summary>
public sealed class ParseFeedCommandTests : IDisposable
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel>
          <title>Dawn - Business</title><link>https://www.dawn.com/business</link>
          <item>
            <title>Pakistan, Belarus agree to take bilateral trade to $1bn</title>
            <link>https://www.dawn.com/news/1961204/pakistan-belarus-trade?utm_source=rss</link>
            <guid isPermaLink="false">dawn-1961204</guid>
            <pubDate>Sat, 21 Nov 2026 09:05:00 PKT</pubDate>
            <description>&lt;p&gt;Islamabad and Minsk signed a roadmap.&lt;/p&gt;</description>
          </item>
          <item><title>No date here</title><description>Plain summary</description></item>
        </channel></rss>
        """;

    private const string ArtList = """
        {"articles": [ { "url": "https://www.belta.by/president/view/pakistan-593512-2026/", "url_mobile": "", "title": "Lukashenko meets Pakistani delegation", "seendate": "20261121T031500Z", "socialimage": "", "domain": "belta.by", "language": "English", "sourcecountry": "Belarus" } ] }
        """;

    private static readonly string Handler = Path.Combine(AppContext.BaseDirectory, "handler.dll");

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("parse-feed-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task ParseFeed_WritesOneObjectPerDocument_AndSurvivesBadOnes()
    {
        // Arrange
        Write("b-dawn.xml", Rss);
        Write(Path.Combine("nested", "deeper", "c-gdelt.JSON"), ArtList);
        Write("a-broken.xml", "<rss version=\"2.0\"><channel><title>cut short");
        Write("d-truncated.json", "{\"articles\": [ { \"url\": \"https://x\", \"ti");
        Write("e-notes.txt", "not a feed, not picked up from a directory");

        // Act
        var (exitCode, output) = await RunAsync("parse-feed", directory.FullName);

        // Assert
        Assert.Equal(1, exitCode);
        var documents = Lines(output);
        Assert.Equal(["a-broken.xml", "b-dawn.xml", "d-truncated.json", "c-gdelt.JSON"], documents.Select(d => Path.GetFileName(d.GetProperty("source").GetString())));
        Assert.False(documents[0].GetProperty("ok").GetBoolean());
        Assert.StartsWith("parse:", documents[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, documents[0].GetProperty("feed").ValueKind);
        Assert.Empty(documents[0].GetProperty("items").EnumerateArray());
        Assert.True(documents[1].GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, documents[1].GetProperty("error").ValueKind);
        Assert.False(documents[2].GetProperty("ok").GetBoolean());
        Assert.StartsWith("gdelt: malformed JSON", documents[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(documents[3].GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task ParseFeed_MapsFeedAndItems_ForRss()
    {
        // Arrange
        var path = Write("dawn.xml", Rss);

        // Act
        var (exitCode, output) = await RunAsync("parse-feed", path);

        // Assert
        Assert.Equal(0, exitCode);
        var document = Assert.Single(Lines(output));
        Assert.Equal(path, document.GetProperty("source").GetString());
        Assert.Equal("Dawn - Business", document.GetProperty("feed").GetProperty("title").GetString());
        Assert.Equal("https://www.dawn.com/business", document.GetProperty("feed").GetProperty("link").GetString());
        var items = document.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var expected = FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(Rss), null, new Uri(path)).Items;
        Assert.Equal(ItemIdentity.Of(expected[0]), items[0].GetProperty("id").GetString());
        Assert.Equal("Pakistan, Belarus agree to take bilateral trade to $1bn", items[0].GetProperty("title").GetString());
        Assert.Equal("https://www.dawn.com/news/1961204/pakistan-belarus-trade?utm_source=rss", items[0].GetProperty("link").GetString());
        Assert.Equal("2026-11-21T04:05:00Z", items[0].GetProperty("published").GetString());
        Assert.Equal("Islamabad and Minsk signed a roadmap.", items[0].GetProperty("summary").GetString());
        Assert.Equal(ItemIdentity.Of(expected[1]), items[1].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("link").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("published").ValueKind);
    }

    [Fact]
    public async Task ParseFeed_ReadsGdeltArtList_AndReportsMissingPaths()
    {
        // Arrange
        var path = Write("artlist.json", ArtList);
        var missing = Path.Combine(directory.FullName, "missing.xml");

        // Act
        var (exitCode, output) = await RunAsync("parse-feed", path, missing);

        // Assert
        Assert.Equal(1, exitCode);
        var documents = Lines(output);
        Assert.Equal(2, documents.Count);
        var item = Assert.Single(documents[0].GetProperty("items").EnumerateArray());
        Assert.Equal("Lukashenko meets Pakistani delegation", item.GetProperty("title").GetString());
        Assert.Equal("https://www.belta.by/president/view/pakistan-593512-2026/", item.GetProperty("link").GetString());
        Assert.Equal("2026-11-21T03:15:00Z", item.GetProperty("published").GetString());
        Assert.Equal("", item.GetProperty("summary").GetString());
        Assert.Equal(missing, documents[1].GetProperty("source").GetString());
        Assert.False(documents[1].GetProperty("ok").GetBoolean());
        Assert.StartsWith("parse-feed: cannot read the file", documents[1].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private string Write(string relativePath, string content)
    {
        var path = Path.Combine(directory.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static List<JsonElement> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [Handler, .. args]);
}
