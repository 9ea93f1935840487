using System.Text;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Items;

namespace RelationsAlerts.Core.Tests.Digests;

public sealed class DigestRendererTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("\"><img src=x onerror=alert(1)>", "<img")]
    [InlineData("<iframe src=\"https://evil.example/\"></iframe>", "<iframe")]
    [InlineData("<svg/onload=alert(1)>", "<svg")]
    [InlineData("</a><a href=\"https://evil.example/\">click", "<a href=\"https://evil")]
    public void Html_EncodesFeedText_WhenTitleContainsMarkup(string hostile, string forbidden)
    {
        // Arrange
        var digest = DigestOf(Item("1", hostile, "https://example.com/1") with { Summary = hostile, Source = hostile });

        // Act
        var html = DigestRenderer.Html(digest);

        // Assert
        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(hostile), html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_ContainsNoRawMarkupFromFeed_ForMixedHostileItems()
    {
        // Arrange
        var digest = DigestOf(
            Item("1", "<script>alert(1)</script>", "https://example.com/1"),
            Item("2", "\"><img onerror=alert(document.cookie) src=x>", "https://example.com/2") with { Summary = "<b onmouseover=alert(1)>hi</b>" });

        // Act
        var html = DigestRenderer.Html(digest);

        // Assert
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img onerror=alert(document.cookie) src=x&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/file")]
    public void Html_OmitsHref_WhenLinkIsNotHttp(string link)
    {
        // Arrange
        var digest = DigestOf(Item("1", "Harmless headline", link));

        // Act
        var html = DigestRenderer.Html(digest);
        var text = DigestRenderer.Text(digest);

        // Assert
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(new Uri(link).Scheme + ":", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(new Uri(link).Scheme + ":", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Harmless headline", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_EncodesLink_InHrefAttribute()
    {
        // Arrange
        var digest = DigestOf(Item("1", "Quoted link", "https://example.com/a?x=\"><script>alert(1)</script>&y=1"));

        // Act
        var html = DigestRenderer.Html(digest);

        // Assert
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://example.com/a?x=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&amp;y=1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_ContainsTitlesAndLinks_ForEveryItem()
    {
        // Arrange
        var digest = new Digest("d1", Now,
        [
            new DigestSection("trade", "Trade", [Item("1", "Pakistan, Belarus sign trade accord", "https://www.dawn.com/news/1"), Item("2", "Tractor plant opens", "https://tribune.com.pk/story/2")]),
            new DigestSection("diplomacy", "Diplomacy", [Item("3", "Lukashenko visits\nIslamabad", "https://www.belta.by/3")]),
        ]);

        // Act
        var text = DigestRenderer.Text(digest);
        var html = DigestRenderer.Html(digest);

        // Assert
        Assert.Contains("Pakistan, Belarus sign trade accord", text, StringComparison.Ordinal);
        Assert.Contains("Tractor plant opens", text, StringComparison.Ordinal);
        Assert.Contains("* Lukashenko visits Islamabad\n", text, StringComparison.Ordinal);
        Assert.Contains("https://www.dawn.com/news/1", text, StringComparison.Ordinal);
        Assert.Contains("https://tribune.com.pk/story/2", text, StringComparison.Ordinal);
        Assert.Contains("https://www.belta.by/3", text, StringComparison.Ordinal);
        Assert.Contains("== TRADE ==", text, StringComparison.Ordinal);
        Assert.Contains("== DIPLOMACY ==", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.dawn.com/news/1\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.belta.by/3\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_StaysUnder100KB_For50Items()
    {
        // Arrange
        var longSummary = string.Join(' ', Enumerable.Repeat("Islamabad and Minsk discussed cooperation in agriculture, machinery and pharmaceuticals.", 40));
        var items = Enumerable.Range(1, 50)
            .Select(i => Item(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Headline number {i}: Pakistan and Belarus expand cooperation in trade, energy and education sectors", $"https://www.example.com/news/2026/11/21/pakistan-belarus-cooperation-{i}?id={i}") with { Summary = longSummary, Source = "Dawn" })
            .ToList();
        var digest = new Digest("d50", Now, [new DigestSection("trade", "Trade", items[..25]), new DigestSection("diplomacy", "Diplomacy", items[25..])]);

        // Act
        var html = DigestRenderer.Html(digest);
        var bytes = Encoding.UTF8.GetByteCount(html);

        // Assert
        TestContext.Current.TestOutputHelper?.WriteLine($"HTML for 50 items: {bytes} bytes");
        Assert.True(bytes < 100 * 1024, $"HTML is {bytes} bytes");
        Assert.Equal(50, CountOf(html, "href=\""));
    }

    [Theory]
    [InlineData(1, "Pakistan–Belarus: 1 new story (Trade)")]
    [InlineData(3, "Pakistan–Belarus: 3 new stories (Trade)")]
    public void Subject_CountsStories(int count, string expected)
    {
        // Arrange
        var items = Enumerable.Range(1, count).Select(i => Item($"{i}", $"Story {i}", $"https://example.com/{i}")).ToList();
        var digest = new Digest("d", Now, [new DigestSection("trade", "Trade", items)]);

        // Act
        var subject = DigestRenderer.Subject(digest);

        // Assert
        Assert.Equal(expected, subject);
    }

    private static Digest DigestOf(params NewsItem[] items) => new("d1", Now, [new DigestSection("trade", "Trade", items)]);

    private static NewsItem Item(string id, string title, string? link) => new()
    {
        Id = id,
        FeedId = "feed",
        Title = title,
        Link = link is null ? null : new Uri(link),
        FirstSeenAt = Now,
        PublishedAt = Now.AddHours(-1),
        Sectors = ["trade"],
    };

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
