using System.Net;
using System.Text.Json;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Tests.Subscribers;

/// <summary>Sign-up → confirmation email → confirm → manage → unsubscribe, through HTTP and the .eml inbox.</summary>
public sealed class SubscriptionFlowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private AppHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await AppHost.StartAsync(azurite.ConnectionString, "dq-" + Guid.NewGuid().ToString("N")[..12]);
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(Ct);
        await host.Services.GetRequiredService<ITopicStore>().SeedAsync(Core.Processing.DefaultTopics.All, Ct);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task SignUp_ConfirmsOnPostOnly_AndLinkWorksOnce()
    {
        // Arrange
        var email = Email();

        // Act
        var signUp = await SubscribeAsync(email, "trade", "energy");
        var link = Mailbox.Link(Assert.Single(Mailbox.For(host.MailDirectory, email)), "/api/subscriptions/confirm");
        var page = await host.Client.GetAsync(link, Ct);
        var afterGet = await StoredAsync(email);
        var confirm = await PostFormAsync(new Uri(link.GetLeftPart(UriPartial.Path)), ("token", Token(link)));
        var afterPost = await StoredAsync(email);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Pending, afterGet!.Status);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(SubscriberStatus.Active, afterPost!.Status);
        Assert.Equal(["trade", "energy"], afterPost.Sectors);
    }

    [Fact]
    public async Task SignUp_AnswersTheSame_ForExistingAddress_AndKeepsItActive()
    {
        // Arrange
        var email = Email();
        await ConfirmAsync(email);

        // Act
        var again = await SubscribeAsync(email, "health");
        var fresh = await SubscribeAsync(Email(), "health");

        // Assert
        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(Ct), await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, Mailbox.For(host.MailDirectory, email).Count);
        Assert.Equal(SubscriberStatus.Active, (await StoredAsync(email))!.Status);
    }

    [Fact]
    public async Task SignUp_ReturnsValidationProblem_ForBadInput()
    {
        // Act
        var response = await host.Client.PostAsJsonAsync(
            new Uri("/api/subscriptions", UriKind.Relative),
            new { email = "not-an-email", sectors = new[] { "gossip" }, frequency = "hourly", timeZone = "Mars/Olympus", preferredHour = 25 },
            Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "email", "sectors", "frequency", "timeZone", "preferredHour" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Unsubscribe_GetShowsPage_OneClickPostUnsubscribes_AndDigestsStop()
    {
        // Arrange
        var email = Email();
        var subscriber = await ConfirmAsync(email);
        var link = host.Services.GetRequiredService<SubscriberLinks>().Unsubscribe(subscriber.Id);

        // Act
        var page = await host.Client.GetAsync(link, Ct);
        var stillActive = (await StoredAsync(email))!.Status;
        var oneClick = await PostFormAsync(link, ("List-Unsubscribe", "One-Click"));
        var again = await PostFormAsync(link, ("List-Unsubscribe", "One-Click"));
        var digest = await host.Services.GetRequiredService<SendDigestJob>().HandleAsync(
            DigestRequestSerializer.Serialize(DigestRequest.For(subscriber.Id, DateTimeOffset.UtcNow)), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SubscriberStatus.Active, stillActive);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Null(oneClick.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await StoredAsync(email))!.Status);
        Assert.Equal(DigestOutcomeKind.Skipped, digest.Kind);
    }

    [Fact]
    public async Task Links_AreRefused_WhenForgedOrExpired()
    {
        // Arrange
        var email = Email();
        await SubscribeAsync(email, "trade");
        var subscriber = await StoredAsync(email);
        var forged = new Uri(host.BaseAddress, "/api/u/" + Uri.EscapeDataString(ForgedToken(subscriber!.Id)));

        // Act
        var forgedUnsubscribe = await PostFormAsync(forged, ("List-Unsubscribe", "One-Click"));
        var forgedConfirm = await host.Client.PostAsJsonAsync(new Uri("/api/subscriptions/confirm", UriKind.Relative), new { token = "eyJrIjoiazEifQ.AAAA" }, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, forgedUnsubscribe.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedConfirm.StatusCode);
        Assert.Equal(SubscriberStatus.Pending, (await StoredAsync(email))!.Status);
    }

    [Fact]
    public async Task Manage_ReadsAndUpdatesPreferences_WithManageLinkOnly()
    {
        // Arrange
        var email = Email();
        var subscriber = await ConfirmAsync(email);
        var manage = host.Services.GetRequiredService<SubscriberLinks>().Manage(subscriber.Id);
        var unsubscribeToken = Token(host.Services.GetRequiredService<SubscriberLinks>().Unsubscribe(subscriber.Id));

        // Act
        var current = await host.Client.GetFromJsonAsync<JsonElement>(manage, Ct);
        var update = await host.Client.PutAsJsonAsync(manage, new { sectors = new[] { "education" }, frequency = "weekly", timeZone = "Europe/Minsk", preferredHour = 7, weeklyDay = "Friday" }, Ct);
        var wrongToken = await host.Client.GetAsync(new Uri("/api/subscriptions/manage?token=" + Uri.EscapeDataString(unsubscribeToken), UriKind.Relative), Ct);

        // Assert
        Assert.Equal("trade", current.GetProperty("sectors")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var stored = await StoredAsync(email);
        Assert.Equal(["education"], stored!.Sectors);
        Assert.Equal((DigestFrequency.Weekly, "Europe/Minsk", 7, DayOfWeek.Friday), (stored.Frequency, stored.TimeZone, stored.PreferredHour, stored.WeeklyDay));
        Assert.Equal(HttpStatusCode.BadRequest, wrongToken.StatusCode);
    }

    [Fact]
    public async Task Digest_CarriesOneClickUnsubscribeHeaders_AndFooterLinks()
    {
        // Arrange
        var (subscriber, message) = await TestData.DigestReadyAsync(host.Services, DateTimeOffset.UtcNow);

        // Act
        await host.Services.GetRequiredService<SendDigestJob>().HandleAsync(message, Ct);

        // Assert
        var mail = Assert.Single(Mailbox.For(host.MailDirectory, subscriber.Email));
        var unsubscribe = Mailbox.Link(mail, "/api/u/");
        Assert.Equal($"<{unsubscribe.AbsoluteUri}>", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(unsubscribe.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal), mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("/api/subscriptions/manage?token=", mail.TextBody, StringComparison.Ordinal);
    }

    private static string Email() => $"person-{Guid.NewGuid():N}@example.com";

    private static string Token(Uri link) =>
        link.AbsolutePath.StartsWith("/api/u/", StringComparison.Ordinal)
            ? Uri.UnescapeDataString(link.AbsolutePath["/api/u/".Length..])
            : System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;

    private static string ForgedToken(string subscriberId)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new SignedLinkOptions { SigningKey = "attacker-controlled-key-0123456789abcdef" });
        return new LinkSigner(options, TimeProvider.System).Create(subscriberId, LinkPurpose.Unsubscribe);
    }

    private Task<HttpResponseMessage> SubscribeAsync(string email, params string[] sectors) =>
        host.Client.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative), new { email, sectors, frequency = "daily", timeZone = "Asia/Karachi", preferredHour = 8 }, Ct);

    private Task<HttpResponseMessage> PostFormAsync(Uri url, params (string Key, string Value)[] fields) =>
        host.Client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))), Ct);

    private Task<Subscriber?> StoredAsync(string email) =>
        host.Services.GetRequiredService<ISubscriberStore>().GetAsync(SubscriberIds.FromEmail(email), Ct);

    private async Task<Subscriber> ConfirmAsync(string email)
    {
        await SubscribeAsync(email, "trade");
        var link = Mailbox.Link(Mailbox.For(host.MailDirectory, email)[^1], "/api/subscriptions/confirm");
        var outcome = await host.Services.GetRequiredService<SubscriptionService>().ConfirmAsync(Token(link), Ct);
        Assert.True(outcome.Succeeded, outcome.Message);
        return outcome.Subscriber!;
    }
}
