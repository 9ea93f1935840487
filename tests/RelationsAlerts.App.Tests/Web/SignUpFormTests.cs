using System.Net;
using RelationsAlerts.App.Subscribers;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.App.Web;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Tests.Web;

/// <summary>The sign-up form: sectors from the store, the API's validation re-rendered as HTML, the API's answer on success.</summary>
public sealed class SignUpFormTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private WebSite site = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => site = await WebSite.StartAsync(azurite);

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task Get_ListsEverySector_WithDescription_AndLabelledFields()
    {
        // Act
        var response = await site.GetPageAsync(WebLayout.SubscribePath);
        var html = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var topic in DefaultTopics.All)
        {
            Assert.Contains($"<label for=\"sector-{topic.Id}\">{WebUtility.HtmlEncode(topic.DisplayName)}</label>", html, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode(topic.Description), html, StringComparison.Ordinal);
        }

        foreach (var field in new[] { "email", "timeZone", "preferredHour", "weeklyDay" })
        {
            Assert.Contains($"<label for=\"{field}\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{field}\" name=\"{field}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<option value=\"Asia/Karachi\">", html, StringComparison.Ordinal);
        Assert.Contains("data-prefill=\"browser\"", html, StringComparison.Ordinal);
        Assert.Contains($"<script src=\"{WebAssets.ScriptUrl}\" defer></script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Invalid_RerendersWithErrors_AndKeepsInputEncoded()
    {
        // Act
        var response = await site.PostFormAsync(
            WebLayout.SubscribePath,
            ("email", "\"><script>alert(1)</script>"), ("sectors", "gossip"), ("frequency", "hourly"),
            ("timeZone", "Mars/Olympus"), ("preferredHour", "noon"), ("weeklyDay", "Caturday"));
        var html = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        WebSite.AssertSecurityHeaders(response);
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Contains("class=\"error-summary\" role=\"alert\"", html, StringComparison.Ordinal);
        foreach (var (field, message) in new[]
        {
            ("email", "Enter a valid email address."), ("sectors", "Choose at least one sector from the list."), ("frequency", "Frequency must be instant, daily or weekly."),
            ("timeZone", "Use an IANA time zone"), ("preferredHour", "Hour must be between 0 and 23."), ("weeklyDay", "Weekday must be a day name"),
        })
        {
            Assert.Contains($"<p class=\"error\" id=\"{field}-error\"><span class=\"visually-hidden\">Error: </span>{message}", html, StringComparison.Ordinal);
            Assert.Contains($"{field}-error\" aria-invalid=\"true\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"", html, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(site.Host.MailDirectory, "*.eml"));
    }

    [Fact]
    public async Task Post_Invalid_KeepsChoices()
    {
        // Act
        var response = await site.PostFormAsync(
            WebLayout.SubscribePath,
            ("email", "x"), ("sectors", "energy"), ("sectors", "health"), ("frequency", "weekly"), ("timeZone", "Europe/Minsk"), ("preferredHour", "6"), ("weeklyDay", "Friday"));
        var html = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("value=\"energy\" checked", html, StringComparison.Ordinal);
        Assert.Contains("value=\"health\" checked", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"trade\" checked", html, StringComparison.Ordinal);
        Assert.Contains("value=\"weekly\" checked", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Europe/Minsk\" selected>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"6\" selected>06:00</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Friday\" selected>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-prefill", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Valid_SendsConfirmation_AndAnswersTheSame_ForAKnownAddress()
    {
        // Arrange
        var known = await site.AddActiveSubscriberAsync("trade");
        var email = $"web-{Guid.NewGuid():N}@example.com";

        // Act
        var fresh = await site.PostFormAsync(WebLayout.SubscribePath, Fields(email));
        var again = await site.PostFormAsync(WebLayout.SubscribePath, Fields(known.Email));
        var freshHtml = await fresh.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(SubscriptionEndpoints.Accepted, freshHtml, StringComparison.Ordinal);
        Assert.Equal(freshHtml, await again.Content.ReadAsStringAsync(Ct));
        var stored = await site.StoredAsync(email);
        Assert.Equal(SubscriberStatus.Pending, stored!.Status);
        Assert.Equal(["trade", "energy"], stored.Sectors);
        Assert.Equal((DigestFrequency.Weekly, "Asia/Karachi", 7, DayOfWeek.Friday), (stored.Frequency, stored.TimeZone, stored.PreferredHour, stored.WeeklyDay));
        Assert.Contains("/api/subscriptions/confirm?token=", Mailbox.Link(Assert.Single(Mailbox.For(site.Host.MailDirectory, email)), "/confirm").AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Active, (await site.StoredAsync(known.Email))!.Status);
    }

    private static (string, string)[] Fields(string email) =>
        [("email", email), ("sectors", "trade"), ("sectors", "energy"), ("frequency", "weekly"), ("timeZone", "Asia/Karachi"), ("preferredHour", "7"), ("weeklyDay", "Friday")];
}
