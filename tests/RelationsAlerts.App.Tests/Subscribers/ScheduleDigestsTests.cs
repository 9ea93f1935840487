using Microsoft.Extensions.Time.Testing;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Tests.Subscribers;

/// <summary>Daily digests go out at the subscriber's local hour, once, however often the timer runs.</summary>
public sealed class ScheduleDigestsTests
{
    [Fact]
    public async Task ScheduleDigests_QueuesDueSubscriberOnce_AndTheDigestIsSentOnce()
    {
        // Arrange: 09:30 in Karachi; a daily 09:00 subscriber; an item seen at 08:50 Karachi time.
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 4, 30, 0, TimeSpan.Zero));
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "digests", clock: clock);
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(ct);
        var subscriber = TestData.Subscriber("trade") with { Frequency = DigestFrequency.Daily, TimeZone = "Asia/Karachi", PreferredHour = 9 };
        var later = TestData.Subscriber("trade") with { Frequency = DigestFrequency.Daily, TimeZone = "Asia/Karachi", PreferredHour = 18 };
        await host.Services.GetRequiredService<ISubscriberStore>().UpsertAsync(subscriber, ct);
        await host.Services.GetRequiredService<ISubscriberStore>().UpsertAsync(later, ct);
        await host.Services.GetRequiredService<IItemStore>().TryAddAsync(TestData.Item("trade", new DateTimeOffset(2026, 11, 23, 3, 50, 0, TimeSpan.Zero)), ct);
        var job = host.Services.GetRequiredService<ScheduleDigestsJob>();
        var processor = host.Services.GetRequiredService<DigestQueueProcessor>();

        // Act: the timer fires twice before the queue is drained, then once more after.
        await job.RunAsync(ct);
        await job.RunAsync(ct);
        var outcomes = new List<DigestOutcome>();
        while (await processor.ProcessBatchAsync(ct) is { Count: > 0 } batch)
        {
            outcomes.AddRange(batch);
        }

        var third = await job.RunAsync(ct);

        // Assert: the 18:00 subscriber's latest occurrence was yesterday, before the item: nothing to send.
        Assert.Single(outcomes, o => o.Kind == DigestOutcomeKind.Sent);
        Assert.Single(Mailbox.For(host.MailDirectory, subscriber.Email));
        Assert.Empty(Mailbox.For(host.MailDirectory, later.Email));
        Assert.Equal(0, third.DigestsQueued);
    }

    [Fact]
    public async Task ScheduleDigests_ReadsTheItemsOnce_ForTheInstantCatchUpAndTheDailyDigest()
    {
        // Arrange: 09:30 in Karachi; a daily 09:00 subscriber and an instant one whose digest a dead poll never queued.
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 4, 30, 0, TimeSpan.Zero));
        var reads = 0;
        await using var host = await AppHost.StartAsync(
            azurite.ConnectionString,
            "digests",
            clock: clock,
            configureServices: services => services.AddSingleton<IItemStore>(sp =>
                new ListingCountingItemStore(ActivatorUtilities.CreateInstance<TableItemStore>(sp), () => Interlocked.Increment(ref reads))));
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(ct);
        var seen = new DateTimeOffset(2026, 11, 23, 3, 50, 0, TimeSpan.Zero);
        var daily = TestData.Subscriber("trade") with { Frequency = DigestFrequency.Daily, TimeZone = "Asia/Karachi", PreferredHour = 9 };
        var instant = TestData.Subscriber("trade") with { LastDigestUntil = seen.AddHours(-1) };
        await host.Services.GetRequiredService<ISubscriberStore>().UpsertAsync(daily, ct);
        await host.Services.GetRequiredService<ISubscriberStore>().UpsertAsync(instant, ct);
        await host.Services.GetRequiredService<IItemStore>().TryAddAsync(TestData.Item("trade", seen), ct);

        // Act
        var summary = await host.Services.GetRequiredService<ScheduleDigestsJob>().RunAsync(ct);
        var readsByTheRun = reads;
        var processor = host.Services.GetRequiredService<DigestQueueProcessor>();
        while (await processor.ProcessBatchAsync(ct) is { Count: > 0 })
        {
        }

        // Assert
        Assert.Equal(2, summary.DigestsQueued);
        Assert.Equal(1, readsByTheRun);
        Assert.Single(Mailbox.For(host.MailDirectory, daily.Email));
        Assert.Single(Mailbox.For(host.MailDirectory, instant.Email));
    }

    [Fact]
    public async Task ScheduleDigests_ExpiresOldUnconfirmedSignUps()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "digests", clock: clock);
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(ct);
        var store = host.Services.GetRequiredService<ISubscriberStore>();
        var old = TestData.Subscriber("trade") with { Status = SubscriberStatus.Pending, CreatedAt = clock.GetUtcNow().AddDays(-8) };
        var recent = TestData.Subscriber("trade") with { Status = SubscriberStatus.Pending, CreatedAt = clock.GetUtcNow().AddDays(-1) };
        await store.UpsertAsync(old, ct);
        await store.UpsertAsync(recent, ct);

        // Act
        var summary = await host.Services.GetRequiredService<ScheduleDigestsJob>().RunAsync(ct);

        // Assert
        Assert.Equal(1, summary.PendingExpired);
        Assert.Null(await store.GetAsync(old.Id, ct));
        Assert.NotNull(await store.GetAsync(recent.Id, ct));
    }

    /// <summary>The table store, counting <see cref="IItemStore.ListSeenBetweenAsync"/> calls.</summary>
    private sealed class ListingCountingItemStore(TableItemStore inner, Action listed) : IItemStore
    {
        public Task<bool> TryAddAsync(NewsItem item, CancellationToken cancellationToken = default) => inner.TryAddAsync(item, cancellationToken);

        public Task<IReadOnlyList<bool>> TryAddManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default) => inner.TryAddManyAsync(items, cancellationToken);

        public Task<IReadOnlyList<ItemClaim>> ClaimManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default) => inner.ClaimManyAsync(items, cancellationToken);

        public Task CompleteManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default) => inner.CompleteManyAsync(items, cancellationToken);

        public Task<IReadOnlyDictionary<string, string?>> FindStoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) => inner.FindStoredAsync(ids, cancellationToken);

        public Task<IReadOnlyList<NewsItem>> ListSeenBetweenAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
        {
            listed();
            return inner.ListSeenBetweenAsync(from, until, cancellationToken);
        }
    }
}
