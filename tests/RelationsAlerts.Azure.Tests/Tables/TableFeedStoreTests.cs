using Azure.Data.Tables;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Feeds;

namespace RelationsAlerts.Azure.Tests.Tables;

public sealed class TableFeedStoreTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string DigestQueueName = "dq-" + Guid.NewGuid().ToString("N")[..12];

    private readonly TableServiceClient tables = fixture.TableServiceClient();

    public async ValueTask InitializeAsync() =>
        await fixture.CreateStorageAsync(DigestQueueName, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task EnsureAsync_AddsFeedWithInitialState_WhenIdUnknown()
    {
        // Arrange
        var store = new TableFeedStore(tables);
        var feed = NewFeed(FeedState.Initial);

        // Act
        await store.EnsureAsync(feed, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(feed, await FindAsync(store, feed.Id));
    }

    [Fact]
    public async Task EnsureAsync_KeepsExistingState_WhenFeedAlreadyStored()
    {
        // Arrange
        var store = new TableFeedStore(tables);
        var saved = NewFeed(FullState());
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync(saved, ct);

        // Act
        await store.EnsureAsync(saved with { Name = "Renamed in config", State = FeedState.Initial }, ct);

        // Assert
        Assert.Equal(saved, await FindAsync(store, saved.Id));
    }

    [Fact]
    public async Task SaveAsync_RoundTripsEveryFeedStateField_WhenAllFieldsSet()
    {
        // Arrange
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var feed = NewFeed(FeedState.Initial);
        await store.EnsureAsync(feed, ct);
        var updated = feed with { Url = new Uri($"https://moved.example.org/rss/{feed.Id}.xml"), Name = "Новости Беларуси", State = FullState() };

        // Act
        await store.SaveAsync(updated, ct);

        // Assert
        var stored = await FindAsync(store, feed.Id);
        Assert.Equal(updated.Url, stored.Url);
        Assert.Equal(updated.Name, stored.Name);
        Assert.Equal(updated.State.ETag, stored.State.ETag);
        Assert.Equal(updated.State.LastModified, stored.State.LastModified);
        Assert.Equal(updated.State.LastSuccessAt, stored.State.LastSuccessAt);
        Assert.Equal(updated.State.LastAttemptAt, stored.State.LastAttemptAt);
        Assert.Equal(updated.State.LastErrorKind, stored.State.LastErrorKind);
        Assert.Equal(updated.State.LastErrorMessage, stored.State.LastErrorMessage);
        Assert.Equal(updated.State.ConsecutiveFailures, stored.State.ConsecutiveFailures);
        Assert.Equal(updated.State.NextPollAt, stored.State.NextPollAt);
        Assert.Equal(updated, stored);
    }

    [Fact]
    public async Task SaveAsync_ClearsFields_WhenStateResetToInitial()
    {
        // Arrange
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var feed = NewFeed(FullState());
        await store.SaveAsync(feed, ct);

        // Act
        await store.SaveAsync(feed with { State = FeedState.Initial }, ct);

        // Assert
        Assert.Equal(FeedState.Initial, (await FindAsync(store, feed.Id)).State);
    }

    [Fact]
    public async Task GetAsync_ReturnsStoredFeed_OrNullWhenUnknown()
    {
        // Arrange
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var feed = NewFeed(FullState()) with { Type = FeedType.Gdelt, Paused = true };
        await store.SaveAsync(feed, ct);

        // Act
        var found = await store.GetAsync(feed.Id, ct);
        var missing = await store.GetAsync("f-" + Guid.NewGuid().ToString("N")[..16], ct);

        // Assert
        Assert.Equal(feed, found);
        Assert.Null(missing);
    }

    [Theory]
    [InlineData(FeedType.Rss, false)]
    [InlineData(FeedType.Atom, true)]
    [InlineData(FeedType.GoogleNews, false)]
    [InlineData(FeedType.Gdelt, true)]
    public async Task SaveAsync_RoundTripsTypeAndPaused(FeedType type, bool paused)
    {
        // Arrange
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var feed = NewFeed(FeedState.Initial) with { Type = type, Paused = paused };

        // Act
        await store.SaveAsync(feed, ct);

        // Assert
        var stored = await FindAsync(store, feed.Id);
        Assert.Equal((type, paused), (stored.Type, stored.Paused));
    }

    [Fact]
    public async Task ListAsync_ReadsRowWithoutTypeOrPaused_AsActiveRss()
    {
        // Arrange: a row as written before feeds had a type or a pause flag.
        var ct = TestContext.Current.CancellationToken;
        var id = "f-" + Guid.NewGuid().ToString("N")[..16];
        await tables.GetTableClient(TableNames.Feeds).AddEntityAsync(
            new TableEntity("feed", id) { ["Url"] = "https://news.example.org/old.xml", ["Name"] = "Old", ["ConsecutiveFailures"] = 0 }, ct);

        // Act
        var feed = await FindAsync(new TableFeedStore(tables), id);

        // Assert
        Assert.Equal((FeedType.Rss, false), (feed.Type, feed.Paused));
        Assert.True(feed.IsDue(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task TryAddAsync_AddsOnce_AndKeepsFirstFeedOnConflict()
    {
        // Arrange
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var feed = NewFeed(FullState()) with { Type = FeedType.Atom };

        // Act
        var first = await store.TryAddAsync(feed, ct);
        var second = await store.TryAddAsync(feed with { Name = "Other", State = FeedState.Initial }, ct);

        // Assert
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(feed, await FindAsync(store, feed.Id));
    }

    [Fact]
    public async Task DeleteAsync_RemovesFeed_AndReportsMissingFeed()
    {
        // Arrange
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var feed = NewFeed(FeedState.Initial);
        await store.SaveAsync(feed, ct);

        // Act
        var deleted = await store.DeleteAsync(feed.Id, ct);
        var again = await store.DeleteAsync(feed.Id, ct);

        // Assert
        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await store.GetAsync(feed.Id, ct));
    }

    [Fact]
    public async Task SaveStateAsync_KeepsAdminEditsMadeDuringThePoll_AndClearsValidators()
    {
        // Arrange: a poll read the feed; meanwhile an admin paused and renamed it.
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var polled = NewFeed(FullState());
        await store.SaveAsync(polled, ct);
        await store.SaveAsync(polled with { Name = "Renamed by admin", Paused = true }, ct);
        var after = FeedState.Initial with { LastSuccessAt = DateTimeOffset.UtcNow, NextPollAt = DateTimeOffset.UtcNow.AddMinutes(15) };

        // Act: the poll saves its state (the server stopped sending validators) and a permanent move.
        var moved = new Uri("https://news.example.org/moved.xml");
        await store.SaveStateAsync(polled.Id, after, moved, ct);

        // Assert
        var stored = (await store.GetAsync(polled.Id, ct))!;
        Assert.Equal(("Renamed by admin", true), (stored.Name, stored.Paused));
        Assert.Equal(moved, stored.Url);
        Assert.Null(stored.State.ETag);
        Assert.Null(stored.State.LastModified);
        Assert.Equal(after.NextPollAt!.Value.UtcTicks / 10_000, stored.State.NextPollAt!.Value.UtcTicks / 10_000);
    }

    [Fact]
    public async Task SaveStateAsync_DoesNotBringBackAFeedDeletedDuringThePoll()
    {
        // Arrange
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var polled = NewFeed(FullState());
        await store.SaveAsync(polled, ct);
        await store.DeleteAsync(polled.Id, ct);

        // Act
        await store.SaveStateAsync(polled.Id, FeedState.Initial with { LastAttemptAt = DateTimeOffset.UtcNow }, cancellationToken: ct);

        // Assert
        Assert.Null(await store.GetAsync(polled.Id, ct));
    }

    [Fact]
    public async Task SaveStatesAsync_MergesStatesInOneBatch_KeepingAdminEdits_ClearingValidators_AndSeenItems()
    {
        // Arrange: three polled feeds; meanwhile an admin renamed and paused one of them.
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var feeds = Enumerable.Range(0, 3).Select(_ => NewFeed(FullState() with { SeenItems = "00aa11bb22cc33dd" })).ToList();
        foreach (var feed in feeds)
        {
            await store.SaveAsync(feed, ct);
        }

        await store.SaveAsync(feeds[1] with { Name = "Renamed by admin", Paused = true }, ct);
        var now = DateTimeOffset.UtcNow;
        var cleared = FeedState.Initial with { LastSuccessAt = now, LastAttemptAt = now, NextPollAt = now.AddMinutes(15), SeenItems = "0123456789abcdef fedcba9876543210" };

        // Act: the server stopped sending validators; the feeds now carry two relevant items.
        await store.SaveStatesAsync([.. feeds.Select(f => new FeedStateUpdate(f.Id, cleared))], ct);

        // Assert
        foreach (var feed in feeds)
        {
            var stored = (await store.GetAsync(feed.Id, ct))!;
            Assert.Null(stored.State.ETag);
            Assert.Null(stored.State.LastModified);
            Assert.Null(stored.State.LastErrorKind);
            Assert.Equal(0, stored.State.ConsecutiveFailures);
            Assert.Equal(cleared.SeenItems, stored.State.SeenItems);
            Assert.Equal(cleared.NextPollAt!.Value.UtcTicks / 10_000, stored.State.NextPollAt!.Value.UtcTicks / 10_000);
        }

        var edited = (await store.GetAsync(feeds[1].Id, ct))!;
        Assert.Equal(("Renamed by admin", true), (edited.Name, edited.Paused));
    }

    [Fact]
    public async Task SaveStatesAsync_DoesNotBringBackAFeedDeletedDuringThePoll_AndSavesTheOthers()
    {
        // Arrange: one feed of the batch was deleted while it was being polled, another moved permanently.
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var feeds = Enumerable.Range(0, 4).Select(_ => NewFeed(FeedState.Initial)).ToList();
        foreach (var feed in feeds)
        {
            await store.SaveAsync(feed, ct);
        }

        await store.DeleteAsync(feeds[2].Id, ct);
        var after = FeedState.Initial with { LastAttemptAt = DateTimeOffset.UtcNow, ConsecutiveFailures = 2, LastErrorKind = "Http", LastErrorMessage = "503" };
        var moved = new Uri("https://news.example.org/moved/" + feeds[3].Id);

        // Act
        await store.SaveStatesAsync([.. feeds.Select(f => new FeedStateUpdate(f.Id, after, f == feeds[3] ? moved : null))], ct);
        await store.SaveStatesAsync([new FeedStateUpdate(feeds[2].Id, after)], ct); // a batch of one takes the single path

        // Assert
        Assert.Null(await store.GetAsync(feeds[2].Id, ct));
        foreach (var feed in feeds.Where(f => f != feeds[2]))
        {
            Assert.Equal(("Http", 2), ((await store.GetAsync(feed.Id, ct))!.State.LastErrorKind, (await store.GetAsync(feed.Id, ct))!.State.ConsecutiveFailures));
        }

        Assert.Equal(moved, (await store.GetAsync(feeds[3].Id, ct))!.Url);
    }

    [Fact]
    public async Task EnsureManyAsync_AddsUnknownFeeds_AndKeepsTheStateOfKnownOnes()
    {
        // Arrange
        var store = new TableFeedStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var known = NewFeed(FullState());
        await store.SaveAsync(known, ct);
        var unknown = Enumerable.Range(0, 3).Select(_ => NewFeed(FeedState.Initial)).ToList();

        // Act: first the new ones alone (one transaction), then with a known one (the transaction fails; one at a time).
        await store.EnsureManyAsync(unknown, ct);
        await store.EnsureManyAsync([known with { State = FeedState.Initial, Name = "Other" }, .. unknown, NewFeed(FeedState.Initial)], ct);

        // Assert
        var all = (await store.ListAsync(ct)).ToDictionary(f => f.Id);
        Assert.All(unknown, f => Assert.True(all.ContainsKey(f.Id)));
        Assert.Equal(("Example News", FullState().ConsecutiveFailures), (all[known.Id].Name, all[known.Id].State.ConsecutiveFailures));
    }

    private static async Task<FeedSource> FindAsync(TableFeedStore store, string id)
    {
        var feeds = await store.ListAsync(TestContext.Current.CancellationToken);
        return Assert.Single(feeds, f => f.Id == id);
    }

    private static FeedSource NewFeed(FeedState state)
    {
        var id = "f-" + Guid.NewGuid().ToString("N")[..16];
        return new FeedSource(id, new Uri($"https://news.example.org/feeds/{id}.xml"), "Example News", state);
    }

    private static FeedState FullState()
    {
        var pakistan = TimeSpan.FromHours(5);
        return new FeedState
        {
            ETag = "W/\"5f3c-18a\"",
            LastModified = "Tue, 03 Mar 2026 10:15:00 GMT",
            LastSuccessAt = new DateTimeOffset(2026, 3, 3, 10, 15, 0, TimeSpan.Zero),
            LastAttemptAt = new DateTimeOffset(2026, 3, 3, 16, 20, 30, pakistan),
            LastErrorKind = "http-503",
            LastErrorMessage = "Service Unavailable (خدمت دستیاب نہیں)",
            ConsecutiveFailures = 3,
            NextPollAt = new DateTimeOffset(2026, 3, 3, 12, 0, 0, TimeSpan.Zero),
        };
    }
}
