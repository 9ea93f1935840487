using System.Net;
using System.Text.Json;
using RelationsAlerts.App.Web;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Tests.Web;

/// <summary>Every public page answers 200 with the security headers and the shared layout; none has inline script or style.</summary>
public sealed class PublicPagesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private WebSite site = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => site = await WebSite.StartAsync(azurite);

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task EveryPage_Returns200_WithSecurityHeaders_AndLayout()
    {
        // Arrange
        var sector = await site.AddSectorAsync();
        var item = await site.AddItemAsync(sector.Id, DateTimeOffset.UtcNow.AddMinutes(-3));
        var subscriber = await site.AddActiveSubscriberAsync("trade");
        var links = site.Services.GetRequiredService<SubscriberLinks>();
        var pages = new[]
        {
            WebLayout.SubscribePath,
            WebLayout.ArchivePath,
            $"{WebLayout.ArchivePath}?sector={sector.Id}",
            StoryPath(item),
            "/api/subscriptions/confirm?token=anything",
            links.Manage(subscriber.Id).PathAndQuery,
            links.Unsubscribe(subscriber.Id).PathAndQuery,
        };

        foreach (var page in pages)
        {
            // Act
            var response = await site.GetPageAsync(page);
            var html = await response.Content.ReadAsStringAsync(Ct);

            // Assert
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            WebSite.AssertSecurityHeaders(response);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains($"<link rel=\"stylesheet\" href=\"{WebAssets.StylesheetUrl}\">", html, StringComparison.Ordinal);
            Assert.Contains("<main id=\"main\"", html, StringComparison.Ordinal);
            WebSite.AssertNoInlineScriptOrStyle(html);
        }
    }

    [Theory]
    [InlineData(WebAssets.StylesheetPath, "text/css")]
    [InlineData(WebAssets.ScriptPath, "text/javascript")]
    [InlineData(WebLayout.AllFeedPath, "application/atom+xml")]
    [InlineData("/api/feeds/trade.atom", "application/atom+xml")]
    public async Task Assets_AndFeeds_CarryHeaders_AndPublicCache(string path, string mediaType)
    {
        // Act
        var response = await site.Client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        WebSite.AssertSecurityHeaders(response);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge: not null }, response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task WebRoot_RedirectsToSignUp()
    {
        // Act
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.Host.BaseAddress };
        var response = await client.GetAsync(new Uri("/api/web", UriKind.Relative), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(WebLayout.SubscribePath, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task FormPages_AreNotCached()
    {
        // Act
        var signUp = await site.GetPageAsync(WebLayout.SubscribePath);
        var confirm = await site.GetPageAsync("/api/subscriptions/confirm?token=x");

        // Assert
        Assert.True(signUp.Headers.CacheControl?.NoStore);
        Assert.True(confirm.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task ConfirmAndUnsubscribe_PostedFromPages_RenderInLayout()
    {
        // Arrange
        var subscriber = await site.AddActiveSubscriberAsync("trade");
        var unsubscribe = site.Services.GetRequiredService<SubscriberLinks>().Unsubscribe(subscriber.Id).PathAndQuery;

        // Act
        var badConfirm = await site.PostFormAsync("/api/subscriptions/confirm", ("token", "not-a-token"));
        var unsubscribed = await site.PostFormAsync(unsubscribe, ("token", "ignored"));
        var oneClick = await site.Client.PostAsync(
            new Uri(unsubscribe, UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, badConfirm.StatusCode);
        WebSite.AssertSecurityHeaders(badConfirm);
        Assert.Contains("<h1>Link not valid</h1>", await badConfirm.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.Contains("<h1>Unsubscribed</h1>", await unsubscribed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal("You are unsubscribed.", (await oneClick.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("message").GetString());
        Assert.Equal(SubscriberStatus.Unsubscribed, (await site.StoredAsync(subscriber.Email))!.Status);
    }

    [Theory]
    [InlineData("Web", "web/{*rest}")]
    [InlineData("Archive", "archive/{*rest}")]
    [InlineData("AtomFeeds", "feeds/{*rest}")]
    public void FunctionJson_RoutesThePublicSite_Anonymously(string function, string route)
    {
        // Arrange
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("src", "RelationsAlerts.App", "Functions", function, "function.json")));
        var trigger = json.RootElement.GetProperty("bindings")[0];

        // Assert
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Contains("get", trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    private static string StoryPath(Core.Items.NewsItem item) => new ArchiveStory(item.Id, [item]).Path;
}
