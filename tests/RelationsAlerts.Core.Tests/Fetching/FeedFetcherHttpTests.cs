using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Fetching;
using RelationsAlerts.Core.Tests.Infrastructure;

namespace RelationsAlerts.Core.Tests.Fetching;

public sealed class FeedFetcherHttpTests : IAsyncLifetime
{
    private const string Rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>a</title><link>https://example.org/a</link></item></channel></rss>";

    private LoopbackServer server = null!;

    public async ValueTask InitializeAsync() => server = await LoopbackServer.StartAsync();

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task FetchAsync_ReturnsNotModified_WhenValidatorsMatch()
    {
        // Arrange
        server.Map("/feed", async ctx =>
        {
            if (ctx.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                ctx.Response.StatusCode = 304;
                return;
            }

            ctx.Response.Headers.ETag = "\"v1\"";
            ctx.Response.Headers.LastModified = "Sat, 21 Nov 2026 10:00:00 GMT";
            await ctx.Response.WriteAsync(Rss);
        });
        var fetcher = CreateFetcher();
        var feed = Feed("/feed");

        // Act
        var first = Assert.IsType<FetchResult.Fetched>(await fetcher.FetchAsync(feed, TestContext.Current.CancellationToken));
        var second = await fetcher.FetchAsync(feed with { State = feed.State with { ETag = first.ETag, LastModified = first.LastModified } }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("\"v1\"", first.ETag);
        Assert.IsType<FetchResult.NotModified>(second);
        Assert.Equal("Sat, 21 Nov 2026 10:00:00 GMT", server.Requests[^1].IfModifiedSince);
        Assert.StartsWith("RelationsAlerts/", server.Requests[^1].UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_ReportsPermanentMove_AfterOnlyPermanentRedirects()
    {
        // Arrange
        server.Map("/old", ctx => Redirect(ctx, "/middle", 301));
        server.Map("/middle", ctx => Redirect(ctx, "/new", 308));
        server.Map("/temp", ctx => Redirect(ctx, "/new", 302));
        server.Map("/new", ctx => ctx.Response.WriteAsync(Rss));
        var fetcher = CreateFetcher();

        // Act
        var permanent = Assert.IsType<FetchResult.Fetched>(await fetcher.FetchAsync(Feed("/old"), TestContext.Current.CancellationToken));
        var temporary = Assert.IsType<FetchResult.Fetched>(await fetcher.FetchAsync(Feed("/temp"), TestContext.Current.CancellationToken));

        // Assert
        Assert.True(permanent.PermanentlyMoved);
        Assert.Equal(server.Url("/new"), permanent.FinalUrl);
        Assert.False(temporary.PermanentlyMoved);
    }

    [Fact]
    public async Task FetchAsync_Fails_OnRedirectLoop()
    {
        // Arrange
        server.Map("/loop", ctx => Redirect(ctx, "/loop", 302));

        // Act
        var result = await CreateFetcher().FetchAsync(Feed("/loop"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchFailureKind.TooManyRedirects, Assert.IsType<FetchResult.Failed>(result).Kind);
    }

    [Fact]
    public async Task FetchAsync_Fails_WhenBodyExceedsCap_EvenWhenGzipped()
    {
        // Arrange: 2 MB of zeros compress to a few KB; the cap applies to decompressed bytes.
        server.Map("/bomb", async ctx =>
        {
            ctx.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = new GZipStream(ctx.Response.Body, CompressionLevel.SmallestSize, leaveOpen: true);
            await gzip.WriteAsync(new byte[2 * 1024 * 1024]);
        });
        var fetcher = CreateFetcher(o => o.MaxBodyBytes = 1024 * 1024);

        // Act
        var result = await fetcher.FetchAsync(Feed("/bomb"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchFailureKind.TooLarge, Assert.IsType<FetchResult.Failed>(result).Kind);
    }

    [Fact]
    public async Task FetchAsync_DecompressesGzip()
    {
        // Arrange
        server.Map("/gz", async ctx =>
        {
            ctx.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = new GZipStream(ctx.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Rss));
        });

        // Act
        var result = await CreateFetcher().FetchAsync(Feed("/gz"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(Rss, Encoding.UTF8.GetString(Assert.IsType<FetchResult.Fetched>(result).Body));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    [InlineData(429)]
    public async Task FetchAsync_Fails_WithoutReadingErrorBody(int status)
    {
        // Arrange: a 500 with an XML body must not be taken for a feed.
        server.Map("/error", async ctx =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.Headers.RetryAfter = "120";
            await ctx.Response.WriteAsync(Rss);
        });

        // Act
        var result = await CreateFetcher().FetchAsync(Feed("/error"), TestContext.Current.CancellationToken);

        // Assert
        var failed = Assert.IsType<FetchResult.Failed>(result);
        Assert.Equal(FetchFailureKind.HttpStatus, failed.Kind);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), failed.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(120), failed.ServerDelay);
    }

    [Fact]
    public async Task FetchAsync_TimesOut_OnSlowServer()
    {
        // Arrange
        server.Map("/slow", async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
            await ctx.Response.WriteAsync(Rss);
        });
        var fetcher = CreateFetcher(o => o.Timeout = TimeSpan.FromSeconds(1));

        // Act
        var result = await fetcher.FetchAsync(Feed("/slow"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchFailureKind.Timeout, Assert.IsType<FetchResult.Failed>(result).Kind);
    }

    [Fact]
    public async Task FetchAsync_RefusesLoopback_WhenNotAllowed()
    {
        // Arrange
        server.Map("/feed", ctx => ctx.Response.WriteAsync(Rss));
        var fetcher = CreateFetcher(o => o.AllowLoopback = false);

        // Act
        var result = await fetcher.FetchAsync(Feed("/feed"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchFailureKind.Blocked, Assert.IsType<FetchResult.Failed>(result).Kind);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task FetchAsync_RefusesRedirectToPrivateAddress()
    {
        // Arrange: the guard runs at connect time, so a redirect to the metadata endpoint is refused too.
        server.Map("/hop", ctx => Redirect(ctx, "http://169.254.169.254/latest/meta-data/", 302));

        // Act
        var result = await CreateFetcher().FetchAsync(Feed("/hop"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchFailureKind.Blocked, Assert.IsType<FetchResult.Failed>(result).Kind);
    }

    private static Task Redirect(HttpContext context, string location, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private FeedSource Feed(string path) => new("f-test", server.Url(path), "test", FeedState.Initial);

    private static FeedFetcher CreateFetcher(Action<FetchOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddOptions<FetchOptions>().Configure(o =>
        {
            o.AllowLoopback = true;
            configure?.Invoke(o);
        });
        services.AddRelationsAlertsCore();
        var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<FeedFetcher>();
    }
}
