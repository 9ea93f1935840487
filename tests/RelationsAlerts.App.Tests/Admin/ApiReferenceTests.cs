using System.Net;
using System.Text.RegularExpressions;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using static RelationsAlerts.App.Tests.Admin.AdminTesting;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>
/// The API reference page at /api/docs/ over the real pipeline: public like /api/openapi.json, its scripts served by the
/// app itself (no CDN) under a nonce-based CSP, every URL it loads inside the routes the Functions host forwards.
/// </summary>
public sealed partial class ApiReferenceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private AppHost host = null!;

    public async ValueTask InitializeAsync() => host = await StartAsync(azurite);

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task DocsPage_Returns200Html_ThatLoadsTheOpenApiDocument_UnderANonceCsp()
    {
        // Act: no key; the page is as public as the document it renders.
        var response = await host.Client.GetAsync(Url("/api/docs/"), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"url\":\"api/openapi.json\"", html, StringComparison.Ordinal);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = NonceInPolicy().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(3, scripts.Count);
        Assert.All(scripts, tag => Assert.Contains($"nonce=\"{nonce}\"", tag, StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task DocsPage_GetsAFreshNonce_PerRequest()
    {
        // Act
        var first = await host.Client.GetAsync(Url("/api/docs/"), TestContext.Current.CancellationToken);
        var second = await host.Client.GetAsync(Url("/api/docs/"), TestContext.Current.CancellationToken);

        // Assert
        Assert.NotEqual(first.Headers.GetValues("Content-Security-Policy").Single(), second.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task DocsAssets_AreServedByTheApp_FromTheForwardedRoute()
    {
        // Arrange
        var page = new Uri(host.BaseAddress, "/api/docs/");
        var html = await host.Client.GetStringAsync(page, TestContext.Current.CancellationToken);
        var assets = ScriptSource().Matches(html).Select(m => new Uri(page, m.Groups[1].Value)).Append(new Uri(page, "favicon.svg")).ToList();

        // Act & Assert: each is local and under docs/{*rest}, the ApiDocs function's route.
        Assert.Equal(3, assets.Count);
        foreach (var asset in assets)
        {
            Assert.Equal(host.BaseAddress.Authority, asset.Authority);
            Assert.StartsWith("/api/docs/", asset.AbsolutePath, StringComparison.Ordinal);
            var response = await host.Client.GetAsync(asset, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.NotEmpty(body);
        }

        var bundle = await host.Client.GetAsync(new Uri(page, "scalar.js"), TestContext.Current.CancellationToken);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        Assert.True(bundle.Content.Headers.ContentLength > 1024 * 1024, "scalar.js should be the full standalone bundle");
    }

    [Fact]
    public async Task DocsWithoutSlash_RedirectsToThePage()
    {
        // Arrange
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

        // Act
        var response = await client.GetAsync(Url("/api/docs"), TestContext.Current.CancellationToken);

        // Assert: relative, so it stays right behind the Functions host or a proxy.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api/docs/", new Uri(new Uri(host.BaseAddress, "/api/docs"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task DocsPage_AndDocument_NeedNoStorage()
    {
        // Arrange: storage on a port where nothing listens; any storage call would fail or hang in retries.
        var unreachable = azurite.ConnectionString.Replace($":{azurite.TablePort}/", ":9/", StringComparison.Ordinal)
            .Replace($":{azurite.QueuePort}/", ":9/", StringComparison.Ordinal)
            .Replace($":{azurite.BlobPort}/", ":9/", StringComparison.Ordinal);
        await using var offline = await AppHost.StartAsync(unreachable, "dq-" + Guid.NewGuid().ToString("N")[..12]);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));

        // Act
        var page = await offline.Client.GetAsync(Url("/api/docs/"), timeout.Token);
        var document = await offline.Client.GetAsync(Url("/api/openapi.json"), timeout.Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [GeneratedRegex("script-src 'self' 'nonce-([A-Za-z0-9_-]+)'")]
    private static partial Regex NonceInPolicy();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
