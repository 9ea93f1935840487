using Microsoft.Playwright;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.App.Web;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Subscribers;
using static Microsoft.Playwright.Assertions;

namespace RelationsAlerts.App.Tests.Web;

/// <summary>
/// The public flows as a person does them, in headless Chromium: sign up, confirm from the .eml, change preferences,
/// unsubscribe, browse the archive. Each step leaves a screenshot in TestResults/screenshots/.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserFlowTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<AzuriteFixture>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private WebSite? started;
    private IBrowserContext? context;

    private WebSite Site => started ?? throw new InvalidOperationException("the site starts only when Chromium is installed");

    public async ValueTask InitializeAsync()
    {
        // Without a browser every test skips; starting the site would only cost time.
        if (BrowserFixture.Available)
        {
            started = await WebSite.StartAsync(azurite);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (context is not null)
        {
            await context.CloseAsync();
        }

        if (started is not null)
        {
            await started.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignUp_ThenConfirm_FromTheEmailLink()
    {
        // Arrange
        var page = await OpenAsync(timeZone: "Asia/Karachi");
        var email = $"browser-{Guid.NewGuid():N}@example.com";

        // Act: the form, pre-filled with the browser's zone, reached from the skip link by keyboard.
        await page.GotoAsync(Url(WebLayout.SubscribePath));
        await Expect(page.Locator("#timeZone")).ToHaveValueAsync("Asia/Karachi");
        await ShotAsync(page, "01-signup.png");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("a.skip")).ToBeFocusedAsync();
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Trade", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Energy", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Weekly digest", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Delivery hour").SelectOptionAsync("7");
        await page.GetByLabel("Day of the weekly digest").SelectOptionAsync("Friday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        await ShotAsync(page, "03-signup-done.png");

        var link = Mailbox.Link(Assert.Single(Mailbox.For(Site.Host.MailDirectory, email)), "/api/subscriptions/confirm");
        await page.GotoAsync(link.AbsoluteUri);
        await ShotAsync(page, "04-confirm.png");
        var pendingBeforeClick = (await Site.StoredAsync(email))!.Status;
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Subscription confirmed" })).ToBeVisibleAsync();
        await ShotAsync(page, "05-confirmed.png");

        // Assert
        Assert.Equal(SubscriberStatus.Pending, pendingBeforeClick);
        var stored = await Site.StoredAsync(email);
        Assert.Equal(SubscriberStatus.Active, stored!.Status);
        Assert.Equal(["trade", "energy"], stored.Sectors);
        Assert.Equal((DigestFrequency.Weekly, "Asia/Karachi", 7, DayOfWeek.Friday), (stored.Frequency, stored.TimeZone, stored.PreferredHour, stored.WeeklyDay));
    }

    [Fact]
    public async Task SignUp_ShowsServerErrors_OnASmallScreen()
    {
        // Arrange
        var page = await OpenAsync(width: 390, height: 844);

        // Act: an address the browser accepts but the service does not, and no sector.
        await page.GotoAsync(Url(WebLayout.SubscribePath));
        await page.GetByLabel("Email address").FillAsync("someone@localhost");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();

        // Assert
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter a valid email address.");
        await Expect(page.Locator("#email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#email")).ToHaveValueAsync("someone@localhost");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page scrolls sideways on a phone");
        await ShotAsync(page, "02-signup-errors-mobile.png");
    }

    [Fact]
    public async Task ManageLink_ChangesPreferences()
    {
        // Arrange
        var subscriber = await Site.AddActiveSubscriberAsync("trade");
        var page = await OpenAsync();

        // Act
        await page.GotoAsync(Links.Manage(subscriber.Id).AbsoluteUri);
        await Expect(page.GetByLabel("Trade", new() { Exact = true })).ToBeCheckedAsync();
        await ShotAsync(page, "06-preferences.png");
        await page.GetByLabel("Trade", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("Health", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("As stories arrive").CheckAsync();
        await page.GetByLabel("Time zone").SelectOptionAsync("Europe/Minsk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your preferences are saved.");
        await ShotAsync(page, "07-preferences-saved.png");

        // Assert
        var stored = await Site.StoredAsync(subscriber.Email);
        Assert.Equal(["health"], stored!.Sectors);
        Assert.Equal((DigestFrequency.Instant, "Europe/Minsk"), (stored.Frequency, stored.TimeZone));
    }

    [Fact]
    public async Task Unsubscribe_FromThePreferencesPage()
    {
        // Arrange
        var subscriber = await Site.AddActiveSubscriberAsync("trade");
        var page = await OpenAsync();

        // Act
        await page.GotoAsync(Links.Manage(subscriber.Id).AbsoluteUri);
        await page.GetByRole(AriaRole.Link, new() { Name = "Unsubscribe from RelationsAlerts" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unsubscribe" })).ToBeVisibleAsync();
        await ShotAsync(page, "08-unsubscribe.png");
        var activeBeforeClick = (await Site.StoredAsync(subscriber.Email))!.Status;
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unsubscribed" })).ToBeVisibleAsync();
        await ShotAsync(page, "09-unsubscribed.png");

        // Assert
        Assert.Equal(SubscriberStatus.Active, activeBeforeClick);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await Site.StoredAsync(subscriber.Email))!.Status);
    }

    [Fact]
    public async Task Archive_BrowsedBySector_OpensAStory()
    {
        // Arrange
        var sector = await Site.AddSectorAsync();
        var now = DateTimeOffset.UtcNow;
        await Site.AddItemAsync(sector.Id, now.AddHours(-30), "Belarusian MTZ tractors to be assembled in Punjab", "The Express Tribune", null,
            "A joint venture will assemble 1,000 tractors a year near Lahore, officials said.", "agriculture", "industry");
        await Site.AddItemAsync(sector.Id, now.AddHours(-5), "Minsk hosts Pakistan–Belarus business forum", "BelTA", null,
            "More than 40 companies from both countries met in Minsk to discuss trade in textiles, medicines and machinery.", "trade");
        var lead = await Site.AddItemAsync(sector.Id, now.AddMinutes(-20), "Pakistan and Belarus agree to double trade turnover by 2028", "Dawn",
            new Uri("https://www.dawn.com/news/1900000"), "The foreign ministers signed a roadmap in Islamabad covering trade, education and energy.", "trade", "diplomacy");
        var page = await OpenAsync();

        // Act
        await page.GotoAsync(Url(WebLayout.ArchivePath));
        await ShotAsync(page, "10-archive.png");
        await page.GetByLabel("Sector", new() { Exact = true }).SelectOptionAsync(sector.Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show stories" }).ClickAsync();
        await Expect(page.Locator("li.story")).ToHaveCountAsync(3);
        var filtered = new Uri(page.Url);
        await ShotAsync(page, "11-archive-sector.png");
        await page.GetByRole(AriaRole.Link, new() { Name = lead.Title }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = lead.Title, Level = 1 })).ToBeVisibleAsync();
        await ShotAsync(page, "12-story.png");

        // Assert
        Assert.Equal(WebLayout.ArchivePath, filtered.AbsolutePath);
        Assert.Contains($"sector={sector.Id}", filtered.Query, StringComparison.Ordinal);
        Assert.Equal(lead.Link!.AbsoluteUri, await page.GetByRole(AriaRole.Link, new() { Name = lead.Title }).GetAttributeAsync("href"));
    }

    private SubscriberLinks Links => Site.Services.GetRequiredService<SubscriberLinks>();

    private string Url(string path) => new Uri(Site.Host.BaseAddress, path).AbsoluteUri;

    private async Task<IPage> OpenAsync(string? timeZone = null, int width = 1280, int height = 900)
    {
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        context = await browser.Browser.NewContextAsync(new() { TimezoneId = timeZone, ViewportSize = new() { Width = width, Height = height }, Locale = "en-GB" });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });
}
