using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Fetching;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Stories;
using RelationsAlerts.Core.Tests.Infrastructure;

namespace RelationsAlerts.Core.Tests.Stories;

/// <summary>
/// The refresher files a feed's new relevant items under stories (one batch) before storing them; a re-polled item keeps
/// its story, and an unchanged document costs one batched lookup and no writes.
/// </summary>
public sealed class FeedRefresherStoryTests : IAsyncLifetime
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
        <item><title>Sindh signs deal for 150 MAZ buses, local assembly</title>
          <link>https://karachipost.example/2026/11/12/sindh-maz-buses</link>
          <description>The Sindh government signed a contract with Belarusian automaker MAZ for 150 city buses for Karachi, to be assembled near Port Qasim.</description>
          <pubDate>Thu, 12 Nov 2026 08:30:00 GMT</pubDate></item>
        <item><title>МАЗ поставит 150 автобусов в Карачи</title>
          <link>https://delovoy-minsk.example/2026/11/13/maz-150-avtobusov</link>
          <description>Контракт с правительством пакистанской провинции Синд предусматривает поставку городских автобусов МАЗ и их сборку в районе порта Касим.</description>
          <pubDate>Fri, 13 Nov 2026 08:00:00 GMT</pubDate></item>
        <item><title>Belarus offers 100 scholarships to Pakistani students</title>
          <link>https://indusherald.example/2026/11/11/belarus-scholarships</link>
          <description>Under an agreement with the Higher Education Commission, Belarus will fund 100 places for Pakistani students.</description>
          <pubDate>Wed, 11 Nov 2026 09:00:00 GMT</pubDate></item>
        </channel></rss>
        """;

    private readonly ConcurrentDictionary<string, NewsItem> stored = new(StringComparer.Ordinal);
    private readonly CountingStoryStore storyStore = new();
    private readonly RecordingFeedStore feedStore = new();
    private int itemAdds;
    private int itemLookups;
    private LoopbackServer server = null!;

    public async ValueTask InitializeAsync() => server = await LoopbackServer.StartAsync();

    public ValueTask DisposeAsync() => server.DisposeAsync();

    /// <summary>Serves <see cref="Rss"/> at /rss on every request (no validators, no 304) and returns the feed for it.</summary>
    private FeedSource ServeWireFeed()
    {
        server.Map("/rss", ctx =>
        {
            ctx.Response.ContentType = "application/rss+xml";
            return ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Rss)).AsTask();
        });
        return new FeedSource("f-wire", server.Url("/rss"), "Wire", FeedState.Initial);
    }

    [Fact]
    public async Task RefreshAsync_StoresItemsWithStories_AndKeepsThemOnRepoll()
    {
        // Arrange
        var feed = ServeWireFeed();
        var refresher = CreateRefresher();
        var tagger = new SectorTagger(DefaultTopics.All);
        var ct = TestContext.Current.CancellationToken;

        // Act
        var first = await refresher.RefreshAsync(feed, tagger, ct);
        var stories = stored.Values.ToDictionary(i => i.Link!.Host, i => i.StoryId, StringComparer.Ordinal);
        var again = await refresher.RefreshAsync(feed, tagger, ct);

        // Assert
        Assert.Equal(3, first.ItemsNew);
        Assert.Equal(0, again.ItemsNew);
        Assert.All(stories.Values, Assert.NotNull);
        Assert.Equal(stories["karachipost.example"], stories["delovoy-minsk.example"]);
        Assert.NotEqual(stories["karachipost.example"], stories["indusherald.example"]);
        Assert.Equal(stories, stored.Values.ToDictionary(i => i.Link!.Host, i => i.StoryId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task RefreshAsync_WritesNothing_WhenAnUnchangedFeedIsServedAgainWithout304()
    {
        // Arrange: the server ignores conditional requests, so every poll downloads the same document.
        var feed = ServeWireFeed();
        var refresher = CreateRefresher();
        var tagger = new SectorTagger(DefaultTopics.All);
        var ct = TestContext.Current.CancellationToken;
        await refresher.RefreshAsync(feed, tagger, ct);
        var (adds, storyWrites, storyReads) = (itemAdds, storyStore.Writes, storyStore.Reads);

        // Act
        var again = await refresher.RefreshAsync(feed, tagger, ct);

        // Assert
        Assert.Equal(FeedRunStatus.Fetched, again.Status);
        Assert.Equal(3, again.ItemsKept);
        Assert.Equal(0, again.ItemsNew);
        // The first poll: 3 items stored, one batch of story writes, one candidate lookup (items just claimed as new are
        // not looked up in the story index).
        Assert.Equal((3, 1, 1), (adds, storyWrites, storyReads));
        Assert.Equal((adds, storyWrites, storyReads), (itemAdds, storyStore.Writes, storyStore.Reads));
    }

    [Fact]
    public async Task RefreshAsync_AsksStorageNothing_WhenTheFeedCarriesWhatItCarriedAtItsLastRead()
    {
        // Arrange: the server ignores conditional requests; the feed's saved state remembers what it carried.
        var feed = ServeWireFeed();
        var refresher = CreateRefresher();
        var tagger = new SectorTagger(DefaultTopics.All);
        var ct = TestContext.Current.CancellationToken;
        var first = await refresher.RefreshAsync(feed, tagger, ct);
        var (adds, lookups, storyReads) = (itemAdds, itemLookups, storyStore.Reads);

        // Act
        var again = await refresher.RefreshAsync(feed with { State = feedStore.Saved[feed.Id] }, tagger, ct);

        // Assert
        Assert.Equal((3, 3), (first.ItemsKept, first.ItemsNew));
        Assert.Equal((FeedRunStatus.Fetched, 3, 0), (again.Status, again.ItemsKept, again.ItemsNew));
        Assert.Equal((adds, lookups, storyReads), (itemAdds, itemLookups, storyStore.Reads));
        Assert.Equal(3, SeenItems.Parse(feedStore.Saved[feed.Id].SeenItems).Count);
        Assert.All(stored.Keys, id => Assert.True(SeenItems.Contains(SeenItems.Parse(feedStore.Saved[feed.Id].SeenItems), id)));
    }

    [Fact]
    public async Task StoreAsync_StoresTwoFeedsAsOneBatch_CountingAnItemBothCarryAsNewOnce()
    {
        // Arrange: a second feed (another URL) syndicates the same three reports.
        var feed = ServeWireFeed();
        var mirror = feed with { Id = "f-mirror", Url = new Uri(feed.Url, "/rss?mirror=1"), Name = "Mirror" };
        var refresher = CreateRefresher();
        var tagger = new SectorTagger(DefaultTopics.All);
        var ct = TestContext.Current.CancellationToken;
        var polls = new[] { await refresher.FetchAsync(feed, tagger, ct), await refresher.FetchAsync(mirror, tagger, ct) };

        // Act
        var results = await refresher.StoreAsync(polls, ct);

        // Assert
        Assert.Equal([("f-wire", 3, 3), ("f-mirror", 3, 0)], results.Select(r => (r.FeedId, r.ItemsKept, r.ItemsNew)));
        Assert.Equal(3, stored.Count);
        Assert.Equal((1, 1), (storyStore.Writes, storyStore.Reads)); // one story batch for both feeds
        Assert.Equal(["f-mirror", "f-wire"], feedStore.Saved.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(feedStore.Saved["f-wire"].SeenItems, feedStore.Saved["f-mirror"].SeenItems);
    }

    private FeedRefresher CreateRefresher()
    {
        var services = new ServiceCollection();
        services.AddOptions<FetchOptions>().Configure(o => o.AllowLoopback = true);
        services.AddOptions<PollingOptions>();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IFeedStore>(feedStore);
        services.AddSingleton<IItemStore>(new DictionaryItemStore(stored, () => Interlocked.Increment(ref itemAdds), () => Interlocked.Increment(ref itemLookups)));
        services.AddSingleton<IStoryStore>(storyStore);
        services.AddRelationsAlertsCore();
        return services.BuildServiceProvider().GetRequiredService<FeedRefresher>();
    }

    private sealed class DictionaryItemStore(ConcurrentDictionary<string, NewsItem> items, Action added, Action lookedUp) : IItemStore
    {
        public Task<bool> TryAddAsync(NewsItem item, CancellationToken cancellationToken = default)
        {
            added();
            return Task.FromResult(items.TryAdd(item.Id, item));
        }

        public Task<IReadOnlyDictionary<string, string?>> FindStoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
        {
            lookedUp();
            return Task.FromResult<IReadOnlyDictionary<string, string?>>(ids.Where(items.ContainsKey).Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => items[id].StoryId, StringComparer.Ordinal));
        }

        public Task<IReadOnlyList<NewsItem>> ListSeenBetweenAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<NewsItem>>([.. items.Values.Where(i => i.FirstSeenAt > from && i.FirstSeenAt <= until)]);
    }

    /// <summary>The in-memory story store, counting batched calls: reads (story lookups and candidate lookups) and writes.</summary>
    private sealed class CountingStoryStore : IStoryStore
    {
        private readonly InMemoryStoryStore inner = new();
        private int reads;
        private int writes;

        public int Reads => reads;

        public int Writes => writes;

        public Task<IReadOnlyDictionary<string, string>> FindStoriesOfAsync(IReadOnlyCollection<StoryReportKey> reports, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref reads);
            return inner.FindStoriesOfAsync(reports, cancellationToken);
        }

        public Task<IReadOnlyList<IReadOnlyList<StoryCandidate>>> FindCandidatesAsync(IReadOnlyList<StoryProbe> probes, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref reads);
            return inner.FindCandidatesAsync(probes, cancellationToken);
        }

        public Task SaveMembersAsync(IReadOnlyCollection<StoryMember> members, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref writes);
            return inner.SaveMembersAsync(members, cancellationToken);
        }

        public Task<Story?> GetAsync(string storyId, CancellationToken cancellationToken = default) => inner.GetAsync(storyId, cancellationToken);
    }

    /// <summary>Keeps only the polling states saved, by feed.</summary>
    private sealed class RecordingFeedStore : IFeedStore
    {
        public ConcurrentDictionary<string, FeedState> Saved { get; } = new(StringComparer.Ordinal);

        public Task<IReadOnlyList<FeedSource>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<FeedSource>>([]);

        public Task<FeedSource?> GetAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult<FeedSource?>(null);

        public Task EnsureAsync(FeedSource feed, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<bool> TryAddAsync(FeedSource feed, CancellationToken cancellationToken = default) => Task.FromResult(true);

        public Task SaveAsync(FeedSource feed, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SaveStateAsync(string feedId, FeedState state, Uri? movedTo = null, CancellationToken cancellationToken = default)
        {
            Saved[feedId] = state;
            return Task.CompletedTask;
        }

        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(true);
    }
}
