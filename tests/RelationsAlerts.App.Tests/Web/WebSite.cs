using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.App.Web;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Tests.Web;

/// <summary>The real app over Azurite with the seed sectors, plus helpers for pages, forms and isolated test data.</summary>
public sealed partial class WebSite : IAsyncDisposable
{
    private WebSite(AppHost host) => Host = host;

    public AppHost Host { get; }

    public HttpClient Client => Host.Client;

    public IServiceProvider Services => Host.Services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<WebSite> StartAsync(AzuriteFixture azurite)
    {
        // Browser flows load a page, its stylesheet and script per step; the per-address limit is not under test here.
        var host = await AppHost.StartAsync(
            azurite.ConnectionString, "dq-" + Guid.NewGuid().ToString("N")[..12], new Dictionary<string, string?> { ["RateLimits:PublicPermitsPerMinute"] = "1000" });
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(Ct);
        await host.Services.GetRequiredService<ITopicStore>().SeedAsync(DefaultTopics.All, Ct);
        return new WebSite(host);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    /// <summary>A sector of the test's own, so items of other tests sharing the emulator never show in its filters.</summary>
    public async Task<Topic> AddSectorAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var topic = new Topic { Id = "test-" + suffix, DisplayName = "Test sector " + suffix, Description = "Stories of one test." };
        return await Services.GetRequiredService<ITopicStore>().TryAddAsync(topic, Ct) ?? throw new InvalidOperationException("topic exists");
    }

    public async Task<NewsItem> AddItemAsync(
        string sector, DateTimeOffset seen, string? title = null, string? source = "Dawn", Uri? link = null, string? summary = null, params string[] moreSectors)
    {
        var item = TestData.Item(sector, seen, title) with { Source = source };
        return await AddAsync(item with { Link = link ?? item.Link, Summary = summary ?? item.Summary, Sectors = [sector, .. moreSectors] });
    }

    public async Task<NewsItem> AddAsync(NewsItem item)
    {
        Assert.True(await Services.GetRequiredService<IItemStore>().TryAddAsync(item, Ct));
        return item;
    }

    public async Task<Subscriber> AddActiveSubscriberAsync(params string[] sectors)
    {
        var subscriber = TestData.Subscriber(sectors) with { Frequency = DigestFrequency.Daily, TimeZone = "Asia/Karachi", PreferredHour = 9 };
        await Services.GetRequiredService<ISubscriberStore>().UpsertAsync(subscriber, Ct);
        return subscriber;
    }

    public Task<Subscriber?> StoredAsync(string email) =>
        Services.GetRequiredService<ISubscriberStore>().GetAsync(SubscriberIds.FromEmail(email), Ct);

    /// <summary>GET as a browser does: asking for HTML first.</summary>
    public async Task<HttpResponseMessage> GetPageAsync(string pathAndQuery, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery, UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Client.SendAsync(request, Ct);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, params (string Key, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return await Client.SendAsync(request, Ct);
    }

    public static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(WebResult.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>Every script is same-origin; the CSP would block an inline one, so none may be written.</summary>
    public static void AssertNoInlineScriptOrStyle(string html)
    {
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
    }

    public static int Count(string html, string fragment) => Regex.Count(html, Regex.Escape(fragment));

    [GeneratedRegex("<script(?![^>]*\\ssrc=\"/api/web/)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
