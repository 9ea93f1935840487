using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Fetching;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Tests.Infrastructure;

namespace RelationsAlerts.Core.Tests.Pipeline;

/// <summary>GDELT DOC 2.0 feeds through the real fetcher and refresher, served over loopback HTTP.</summary>
public sealed class FeedRefresherGdeltTests : IAsyncLifetime
{
    private readonly InMemoryFeedStore feeds = new();
    private readonly InMemoryItemStore items = new();
    private LoopbackServer server = null!;

    public async ValueTask InitializeAsync() => server = await LoopbackServer.StartAsync();

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task RefreshAsync_StoresRelevantArticles_FromArtListJson()
    {
        // Arrange
        var json = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "gdelt", "artlist-pakistan-belarus.json"), TestContext.Current.CancellationToken);
        server.Map("/api/v2/doc/doc", ctx => Respond(ctx, "application/json; charset=utf-8", json));
        var feed = new FeedSource("f-gdelt", server.Url("/api/v2/doc/doc?query=Pakistan%20Belarus&mode=ArtList&format=json"), "GDELT", FeedState.Initial) { Type = FeedType.Gdelt };
        feeds.Saved[feed.Id] = feed;

        // Act
        var result = await CreateRefresher().RefreshAsync(feed, new SectorTagger(DefaultTopics.All), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FeedRunStatus.Fetched, result.Status);
        Assert.Equal(5, result.ItemsSeen);
        Assert.True(result.ItemsNew > 0, "the Dawn and Tribune headlines are about Pakistan–Belarus cooperation");
        Assert.Contains(items.Added, i => i.Source == "dawn.com" && i.Link!.Host == "www.dawn.com");
        Assert.Equal(0, feeds.Saved["f-gdelt"].State.ConsecutiveFailures);
    }

    [Theory]
    [InlineData(FeedType.Gdelt, "application/json", "{\"articles\": [ { \"url\": \"https://www.dawn.com/news/1\", \"title\": \"Pak", "Parse: gdelt: malformed JSON")]
    [InlineData(FeedType.Rss, "application/json", "{\"articles\": [ { \"url\": \"https://www.dawn.com/news/1\", \"title\": \"Pak", "Parse: gdelt: malformed JSON")]
    [InlineData(FeedType.Gdelt, "text/html", "Please limit requests to one every 5 seconds or contact kalev.leetaru5@gmail.com for larger queries.", "Parse: gdelt: expected a JSON object, got: \"Please limit requests")]
    public async Task RefreshAsync_RecordsParseErrorOnTheFeed_ForBadJson(FeedType type, string contentType, string body, string expectedError)
    {
        // Arrange
        server.Map("/bad", ctx => Respond(ctx, contentType, System.Text.Encoding.UTF8.GetBytes(body)));
        var feed = new FeedSource("f-bad", server.Url("/bad"), "bad", FeedState.Initial) { Type = type };
        feeds.Saved[feed.Id] = feed;

        // Act
        var result = await CreateRefresher().RefreshAsync(feed, new SectorTagger(DefaultTopics.All), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FeedRunStatus.Failed, result.Status);
        Assert.StartsWith(expectedError, result.Error, StringComparison.Ordinal);
        var saved = feeds.Saved["f-bad"].State;
        Assert.Equal(nameof(FetchFailureKind.Parse), saved.LastErrorKind);
        Assert.Equal(1, saved.ConsecutiveFailures);
        Assert.Empty(items.Added);
    }

    private static Task Respond(HttpContext context, string contentType, byte[] body)
    {
        context.Response.ContentType = contentType;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    private FeedRefresher CreateRefresher()
    {
        var services = new ServiceCollection();
        services.AddOptions<FetchOptions>().Configure(o => o.AllowLoopback = true);
        services.AddOptions<PollingOptions>();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IFeedStore>(feeds);
        services.AddSingleton<IItemStore>(items);
        services.AddRelationsAlertsCore();
        return services.BuildServiceProvider().GetRequiredService<FeedRefresher>();
    }

    private sealed class InMemoryFeedStore : IFeedStore
    {
        public ConcurrentDictionary<string, FeedSource> Saved { get; } = new(StringComparer.Ordinal);

        public Task<IReadOnlyList<FeedSource>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<FeedSource>>([.. Saved.Values]);

        public Task<FeedSource?> GetAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(Saved.GetValueOrDefault(id));

        public Task EnsureAsync(FeedSource feed, CancellationToken cancellationToken = default) => TryAddAsync(feed, cancellationToken);

        public Task<bool> TryAddAsync(FeedSource feed, CancellationToken cancellationToken = default) => Task.FromResult(Saved.TryAdd(feed.Id, feed));

        public Task SaveAsync(FeedSource feed, CancellationToken cancellationToken = default)
        {
            Saved[feed.Id] = feed;
            return Task.CompletedTask;
        }

        public Task SaveStateAsync(string feedId, FeedState state, Uri? movedTo = null, CancellationToken cancellationToken = default)
        {
            Saved.TryUpdate(feedId, Saved[feedId] with { State = state, Url = movedTo ?? Saved[feedId].Url }, Saved[feedId]);
            return Task.CompletedTask;
        }

        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(Saved.TryRemove(id, out _));
    }

    private sealed class InMemoryItemStore : IItemStore
    {
        private readonly ConcurrentDictionary<string, NewsItem> stored = new(StringComparer.Ordinal);

        public IReadOnlyCollection<NewsItem> Added => [.. stored.Values];

        public Task<bool> TryAddAsync(NewsItem item, CancellationToken cancellationToken = default) => Task.FromResult(stored.TryAdd(item.Id, item));

        public Task<IReadOnlyDictionary<string, string?>> FindStoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, string?>>(ids.Where(stored.ContainsKey).Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => stored[id].StoryId, StringComparer.Ordinal));

        public Task<IReadOnlyList<NewsItem>> ListSeenBetweenAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<NewsItem>>([.. stored.Values.Where(i => i.FirstSeenAt > from && i.FirstSeenAt <= until)]);
    }
}
