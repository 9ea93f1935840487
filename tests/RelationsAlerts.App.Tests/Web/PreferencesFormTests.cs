using System.Net;
using System.Text.Json;
using RelationsAlerts.App.Web;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Tests.Web;

/// <summary>The preference form behind the signed manage link; the JSON GET and PUT on the same URL are unchanged.</summary>
public sealed class PreferencesFormTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private WebSite site = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => site = await WebSite.StartAsync(azurite);

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task Get_AsBrowser_ShowsFormPrefilled_WithoutTheAddress()
    {
        // Arrange
        var subscriber = await site.AddActiveSubscriberAsync("trade", "energy");
        var manage = Links.Manage(subscriber.Id);

        // Act
        var page = await site.GetPageAsync(manage.PathAndQuery);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var json = await site.Client.GetFromJsonAsync<JsonElement>(manage, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("value=\"trade\" checked", html, StringComparison.Ordinal);
        Assert.Contains("value=\"energy\" checked", html, StringComparison.Ordinal);
        Assert.Contains("value=\"daily\" checked", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Asia/Karachi\" selected>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"9\" selected>09:00</option>", html, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"{PreferencesPage.Path}\">", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(Links.Unsubscribe(subscriber.Id).PathAndQuery), html, StringComparison.Ordinal);
        Assert.DoesNotContain(subscriber.Email, html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("trade", json.GetProperty("sectors")[0].GetString());
    }

    [Fact]
    public async Task Post_Valid_SavesAndShowsNotice()
    {
        // Arrange
        var subscriber = await site.AddActiveSubscriberAsync("trade");

        // Act
        var response = await site.PostFormAsync(
            PreferencesPage.Path, ("token", Token(subscriber)), ("sectors", "health"), ("sectors", "education"),
            ("frequency", "weekly"), ("timeZone", "Europe/Minsk"), ("preferredHour", "18"), ("weeklyDay", "Sunday"));
        var html = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        WebSite.AssertSecurityHeaders(response);
        Assert.Contains("Your preferences are saved.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"health\" checked", html, StringComparison.Ordinal);
        var stored = await site.StoredAsync(subscriber.Email);
        Assert.Equal(["health", "education"], stored!.Sectors);
        Assert.Equal((DigestFrequency.Weekly, "Europe/Minsk", 18, DayOfWeek.Sunday), (stored.Frequency, stored.TimeZone, stored.PreferredHour, stored.WeeklyDay));
    }

    [Fact]
    public async Task Post_Invalid_RerendersWithErrors_AndSavesNothing()
    {
        // Arrange
        var subscriber = await site.AddActiveSubscriberAsync("trade");

        // Act
        var response = await site.PostFormAsync(
            PreferencesPage.Path, ("token", Token(subscriber)), ("frequency", "daily"), ("timeZone", "Nowhere/Special"), ("preferredHour", "8"));
        var html = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"sectors-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"timeZone-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"email\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Nowhere/Special\" selected>", html, StringComparison.Ordinal);
        Assert.Equal(["trade"], (await site.StoredAsync(subscriber.Email))!.Sectors);
    }

    [Fact]
    public async Task Links_ForAnotherPurpose_OrForged_ShowLinkNotValid()
    {
        // Arrange
        var subscriber = await site.AddActiveSubscriberAsync("trade");
        var unsubscribeToken = Uri.UnescapeDataString(Links.Unsubscribe(subscriber.Id).AbsolutePath["/api/u/".Length..]);

        // Act
        var get = await site.GetPageAsync(PreferencesPage.Path + "?token=" + Uri.EscapeDataString(unsubscribeToken));
        var post = await site.PostFormAsync(PreferencesPage.Path, ("token", "forged.token"), ("sectors", "health"), ("frequency", "daily"), ("timeZone", "UTC"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Contains("<h1>Link not valid</h1>", await get.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        WebSite.AssertSecurityHeaders(get);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(["trade"], (await site.StoredAsync(subscriber.Email))!.Sectors);
    }

    private SubscriberLinks Links => site.Services.GetRequiredService<SubscriberLinks>();

    private string Token(Subscriber subscriber) =>
        System.Web.HttpUtility.ParseQueryString(Links.Manage(subscriber.Id).Query)["token"]!;
}
