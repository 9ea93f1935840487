using System.Globalization;
using System.Net;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.App.Web;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Web;

/// <summary>The story archive: sector and day filters, paging, detail pages, caching and untrusted feed text.</summary>
public sealed class ArchiveTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Entry = "<li class=\"story\">";
    private WebSite site = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => site = await WebSite.StartAsync(azurite);

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task List_FiltersBySector_WithOutletsAndSectors()
    {
        // Arrange
        var mine = await site.AddSectorAsync();
        var other = await site.AddSectorAsync();
        var now = DateTimeOffset.UtcNow;
        var kept = await site.AddItemAsync(mine.Id, now.AddMinutes(-2), "Minsk tractor deal", source: "Dawn");
        var dropped = await site.AddItemAsync(other.Id, now.AddMinutes(-1), "Other sector story");

        // Act
        var html = await PageAsync($"?sector={mine.Id}");
        var all = await PageAsync("");

        // Assert
        Assert.Equal(1, WebSite.Count(html, Entry));
        Assert.Contains(kept.Title, html, StringComparison.Ordinal);
        Assert.DoesNotContain(dropped.Title, html, StringComparison.Ordinal);
        Assert.Contains("Outlets: Dawn", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/api/archive?sector={mine.Id}\">{mine.DisplayName}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{mine.Id}\" selected>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/feeds/{mine.Id}.atom\"", html, StringComparison.Ordinal);
        Assert.Contains(kept.Title, all, StringComparison.Ordinal);
        Assert.Contains(dropped.Title, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersByDay()
    {
        // Arrange
        var sector = await site.AddSectorAsync();
        var now = DateTimeOffset.UtcNow;
        var yesterday = await site.AddItemAsync(sector.Id, now.AddDays(-1));
        var earlier = await site.AddItemAsync(sector.Id, now.AddDays(-3));
        var day = yesterday.FirstSeenAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Act
        var html = await PageAsync($"?sector={sector.Id}&date={day}");

        // Assert
        Assert.Equal(1, WebSite.Count(html, Entry));
        Assert.Contains(yesterday.Title, html, StringComparison.Ordinal);
        Assert.DoesNotContain(earlier.Title, html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{day}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_PagesNewestFirst_WithPrevAndNextLinks()
    {
        // Arrange
        var sector = await site.AddSectorAsync();
        var now = DateTimeOffset.UtcNow;
        var items = new List<Core.Items.NewsItem>();
        for (var i = 0; i < ArchivePage.PageSize + 5; i++)
        {
            items.Add(await site.AddItemAsync(sector.Id, now.AddMinutes(-10 - i), $"Story number {i:00} {Guid.NewGuid():N}"));
        }

        // Act
        var first = await PageAsync($"?sector={sector.Id}");
        var second = await PageAsync($"?sector={sector.Id}&page=2");

        // Assert
        Assert.Equal(ArchivePage.PageSize, WebSite.Count(first, Entry));
        Assert.Equal(5, WebSite.Count(second, Entry));
        Assert.True(first.IndexOf(items[0].Title, StringComparison.Ordinal) < first.IndexOf(items[1].Title, StringComparison.Ordinal));
        Assert.Contains(items[^1].Title, second, StringComparison.Ordinal);
        Assert.DoesNotContain(items[^1].Title, first, StringComparison.Ordinal);
        Assert.Contains($"<a rel=\"next\" href=\"/api/archive?sector={sector.Id}&amp;page=2\">", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);
        Assert.Contains($"<a rel=\"prev\" href=\"/api/archive?sector={sector.Id}\">", second, StringComparison.Ordinal);
        Assert.Contains("Stories 21–25 of 25", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_ListsReports_AndEncodesUntrustedText()
    {
        // Arrange
        var sector = await site.AddSectorAsync();
        var item = await site.AddItemAsync(
            sector.Id, DateTimeOffset.UtcNow.AddMinutes(-5), "<script>alert('t')</script> Tractors & trade",
            source: "<b>Outlet</b>", link: new Uri("javascript:alert(1)"), summary: "<img src=x onerror=alert(1)> summary");
        var path = new ArchiveStory(item.Id, [item]).Path;

        // Act
        var list = await PageAsync($"?sector={sector.Id}");
        var response = await site.GetPageAsync(path);
        var html = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<a href=\"{path}\">", list, StringComparison.Ordinal);
        foreach (var page in new[] { list, html })
        {
            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>Outlet", page, StringComparison.Ordinal);
            Assert.DoesNotContain("javascript:", page, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Tractors &amp; trade", page, StringComparison.Ordinal);
        }

        Assert.Contains("<h2>1 report</h2>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Outlet&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_LinksToTheOutlet_OverHttpOnly()
    {
        // Arrange
        var sector = await site.AddSectorAsync();
        var item = await site.AddItemAsync(sector.Id, DateTimeOffset.UtcNow.AddMinutes(-5), link: new Uri("https://www.dawn.com/news/1?a=1&b=2"));

        // Act
        var html = await (await site.GetPageAsync(new ArchiveStory(item.Id, [item]).Path)).Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Contains("<a href=\"https://www.dawn.com/news/1?a=1&amp;b=2\" rel=\"noopener noreferrer external\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsOfOneStory_ShowAsOneEntry_WithEveryOutlet()
    {
        // Arrange
        var sector = await site.AddSectorAsync();
        var now = DateTimeOffset.UtcNow;
        var storyId = "st-" + Guid.NewGuid().ToString("N")[..12];
        var first = await site.AddAsync(TestData.Item(sector.Id, now.AddHours(-3), "Pakistan and Belarus sign MoU on tractors") with { StoryId = storyId, Source = "Dawn" });
        var second = await site.AddAsync(TestData.Item(sector.Id, now.AddHours(-1), "Belarus, Pakistan agree tractor assembly") with { StoryId = storyId, Source = "BelTA" });
        var path = new ArchiveStory(storyId, [first, second]).Path;

        // Act
        var list = await PageAsync($"?sector={sector.Id}");
        var detail = await site.GetPageAsync(path);
        var html = await detail.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(1, WebSite.Count(list, Entry));
        Assert.Contains($"<a href=\"{path}\">{first.Title}</a>", list, StringComparison.Ordinal);
        Assert.Contains("2 reports · Outlets: Dawn, BelTA", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Contains("<h2>2 reports</h2>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(first.Title, StringComparison.Ordinal) < html.IndexOf(second.Title, StringComparison.Ordinal));
        Assert.Contains($"href=\"{first.Link!.AbsoluteUri}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{second.Link!.AbsoluteUri}\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/archive/2026-01-01/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("/api/archive/yesterday/abc", HttpStatusCode.NotFound)]
    [InlineData("/api/archive?sector=no-such-sector", HttpStatusCode.NotFound)]
    [InlineData("/api/archive?date=20-11-2026", HttpStatusCode.BadRequest)]
    [InlineData("/api/archive?page=0", HttpStatusCode.BadRequest)]
    public async Task BadAddresses_AnswerWithAPage(string path, HttpStatusCode status)
    {
        // Act
        var response = await site.GetPageAsync(path);

        // Assert
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        WebSite.AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task List_IsPubliclyCacheable_AndAnswers304ToItsETag()
    {
        // Arrange
        var sector = await site.AddSectorAsync();
        await site.AddItemAsync(sector.Id, DateTimeOffset.UtcNow.AddMinutes(-1));
        var path = $"/api/archive?sector={sector.Id}";

        // Act
        var first = await site.GetPageAsync(path);
        var again = await site.GetPageAsync(path, ("If-None-Match", first.Headers.ETag!.ToString()));

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(5), first.Headers.CacheControl?.MaxAge);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
    }

    private async Task<string> PageAsync(string query)
    {
        var response = await site.GetPageAsync(WebLayout.ArchivePath + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
