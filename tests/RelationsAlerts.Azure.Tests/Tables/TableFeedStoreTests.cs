using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Feeds;

namespace RelationsAlerts.Azure.Tests.Tables;

public sealed class TableFeedStoreTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string DigestQueueName = "dq-" + Guid.NewGuid().ToString("N")[..12];

    private readonly TableServiceClient tables = fixture.TableServiceClient();

    public async ValueTask InitializeAsync()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = fixture.ConnectionString, DigestQueueName = DigestQueueName });
        await new StorageInitializer(tables, fixture.QueueServiceClient(), options).InitializeAsync(TestContext.Current.CancellationToken);
    }

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
