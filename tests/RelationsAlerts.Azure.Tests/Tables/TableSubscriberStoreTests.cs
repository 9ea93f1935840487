using Azure.Data.Tables;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Azure.Tests.Tables;

public sealed class TableSubscriberStoreTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string DigestQueueName = "dq-" + Guid.NewGuid().ToString("N")[..12];

    private readonly TableServiceClient tables = fixture.TableServiceClient();

    public async ValueTask InitializeAsync() =>
        await fixture.CreateStorageAsync(DigestQueueName, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task GetAsync_ReturnsEveryField_AfterUpsertAsync()
    {
        // Arrange
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var subscriber = NewSubscriber(SubscriberStatus.Active) with
        {
            Sectors = ["trade", "energy", "agriculture"],
            Frequency = DigestFrequency.Weekly,
            TimeZone = "Asia/Karachi",
            LastDigestUntil = new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero),
            DigestInFlight = "digest-42",
            DigestInFlightAt = new DateTimeOffset(2026, 3, 3, 11, 0, 0, TimeSpan.FromHours(5)),
        };

        // Act
        await store.UpsertAsync(subscriber, ct);
        var stored = await store.GetAsync(subscriber.Id, ct);

        // Assert
        Assert.NotNull(stored);
        Assert.False(string.IsNullOrEmpty(stored.ETag));
        AssertSameSubscriber(subscriber, stored);
    }

    [Fact]
    public async Task GetAsync_ReturnsNull_WhenIdUnknown()
    {
        // Arrange
        var store = new TableSubscriberStore(tables);

        // Act
        var stored = await store.GetAsync(NewSubscriber(SubscriberStatus.Active).Id, TestContext.Current.CancellationToken);

        // Assert
        Assert.Null(stored);
    }

    [Fact]
    public async Task UpsertAsync_ReplacesRecord_WhenSubscriberExists()
    {
        // Arrange
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var subscriber = NewSubscriber(SubscriberStatus.Pending) with { DigestInFlight = "old" };
        await store.UpsertAsync(subscriber, ct);
        var replacement = subscriber with { Status = SubscriberStatus.Active, DigestInFlight = null, Sectors = ["health"] };

        // Act
        await store.UpsertAsync(replacement, ct);

        // Assert
        AssertSameSubscriber(replacement, (await store.GetAsync(subscriber.Id, ct))!);
    }

    [Fact]
    public async Task ListActiveAsync_ReturnsOnlyActive_WhenStatusesMixed()
    {
        // Arrange
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var subscribers = Enum.GetValues<SubscriberStatus>().Select(NewSubscriber).Append(NewSubscriber(SubscriberStatus.Active)).ToList();
        foreach (var subscriber in subscribers)
        {
            await store.UpsertAsync(subscriber, ct);
        }

        var mine = subscribers.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        // Act
        var active = await store.ListActiveAsync(ct);

        // Assert
        Assert.All(active, s => Assert.Equal(SubscriberStatus.Active, s.Status));
        Assert.Equal(
            subscribers.Where(s => s.Status == SubscriberStatus.Active).Select(s => s.Id).Order(StringComparer.Ordinal),
            active.Where(s => mine.Contains(s.Id)).Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TryUpdateAsync_ReturnsNull_WhenETagIsStale()
    {
        // Arrange
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var subscriber = NewSubscriber(SubscriberStatus.Active);
        await store.UpsertAsync(subscriber, ct);
        var read = (await store.GetAsync(subscriber.Id, ct))!;
        var winner = await store.TryUpdateAsync(read with { DigestInFlight = "winner" }, ct);

        // Act
        var loser = await store.TryUpdateAsync(read with { DigestInFlight = "loser" }, ct);

        // Assert
        Assert.NotNull(winner);
        Assert.Null(loser);
        Assert.Equal("winner", (await store.GetAsync(subscriber.Id, ct))!.DigestInFlight);
    }

    [Fact]
    public async Task TryUpdateAsync_ReturnsRecordWithNewETag_WhenETagIsCurrent()
    {
        // Arrange
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var subscriber = NewSubscriber(SubscriberStatus.Active);
        await store.UpsertAsync(subscriber, ct);
        var read = (await store.GetAsync(subscriber.Id, ct))!;
        var claim = read with { DigestInFlight = "digest-1", DigestInFlightAt = new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero) };

        // Act
        var updated = await store.TryUpdateAsync(claim, ct);

        // Assert
        Assert.NotNull(updated);
        Assert.False(string.IsNullOrEmpty(updated.ETag));
        Assert.NotEqual(read.ETag, updated.ETag);
        var stored = (await store.GetAsync(subscriber.Id, ct))!;
        Assert.Equal(stored.ETag, updated.ETag);
        AssertSameSubscriber(claim, stored);
        Assert.NotNull(await store.TryUpdateAsync(updated with { DigestInFlight = null }, ct));
    }

    [Fact]
    public async Task TryUpdateAsync_ThrowsArgumentException_WhenETagMissing()
    {
        // Arrange
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var subscriber = NewSubscriber(SubscriberStatus.Active);
        await store.UpsertAsync(subscriber, ct);

        // Act
        var exception = await Record.ExceptionAsync(() => store.TryUpdateAsync(subscriber with { ETag = null, DigestInFlight = "x" }, ct));

        // Assert
        Assert.IsType<ArgumentException>(exception);
        Assert.Null((await store.GetAsync(subscriber.Id, ct))!.DigestInFlight);
    }

    [Fact]
    public async Task TryUpdateAsync_ReturnsNull_WhenSubscriberDoesNotExist()
    {
        // Arrange
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var other = NewSubscriber(SubscriberStatus.Active);
        await store.UpsertAsync(other, ct);
        var etag = (await store.GetAsync(other.Id, ct))!.ETag;
        var missing = NewSubscriber(SubscriberStatus.Active) with { ETag = etag };

        // Act
        var result = await store.TryUpdateAsync(missing, ct);

        // Assert
        Assert.Null(result);
        Assert.Null(await store.GetAsync(missing.Id, ct));
    }

    [Fact]
    public async Task TryUpdateManyAsync_UpdatesAllInBatches_AndReturnsUsableETags()
    {
        // Arrange: more than two entity group transactions' worth.
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var created = Enumerable.Range(0, 230).Select(_ => NewSubscriber(SubscriberStatus.Active)).ToList();
        foreach (var subscriber in created)
        {
            await store.UpsertAsync(subscriber, ct);
        }

        var read = await store.GetManyAsync([.. created.Select(s => s.Id), "s-missing"], ct);
        var until = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

        // Act: claim everyone, then record everyone with the ETags the claim returned.
        var claimed = await store.TryUpdateManyAsync([.. created.Select(s => read[s.Id] with { DigestInFlight = "d1" })], ct);
        var recorded = await store.TryUpdateManyAsync([.. claimed.Select(s => s! with { DigestInFlight = null, LastDigestUntil = until })], ct);

        // Assert
        Assert.Equal(230, read.Count);
        Assert.All(claimed, Assert.NotNull);
        Assert.All(recorded, Assert.NotNull);
        Assert.Equal(created.Select(s => s.Id), recorded.Select(s => s!.Id));
        var stored = await store.GetManyAsync([.. created.Select(s => s.Id)], ct);
        Assert.All(stored.Values, s => Assert.Equal((until, (string?)null), (s.LastDigestUntil!.Value, s.DigestInFlight)));
    }

    [Fact]
    public async Task TryUpdateManyAsync_ReturnsNullOnlyForStaleRecords()
    {
        // Arrange: one record changes after it was read.
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var created = Enumerable.Range(0, 5).Select(_ => NewSubscriber(SubscriberStatus.Active)).ToList();
        foreach (var subscriber in created)
        {
            await store.UpsertAsync(subscriber, ct);
        }

        var read = await store.GetManyAsync([.. created.Select(s => s.Id)], ct);
        await store.TryUpdateAsync(read[created[2].Id] with { Sectors = ["energy"] }, ct);
        await store.DeleteAsync(created[4].Id, ct);

        // Act
        var results = await store.TryUpdateManyAsync([.. created.Select(s => read[s.Id] with { DigestInFlight = "d1" })], ct);

        // Assert: the edit and the erasure win; the others are claimed.
        Assert.Equal([true, true, false, true, false], results.Select(r => r is not null));
        Assert.Equal(["energy"], (await store.GetAsync(created[2].Id, ct))!.Sectors);
        Assert.Null(await store.GetAsync(created[4].Id, ct));
    }

    [Fact]
    public async Task SuppressedAmongAsync_FindsOnlySuppressedIds()
    {
        // Arrange
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var ids = Enumerable.Range(0, 20).Select(i => $"s-among-{Guid.NewGuid():N}").ToList();
        await store.SuppressAsync(ids[3], "bounce", ct);
        await store.SuppressAsync(ids[17], "spamreport", ct);

        // Act
        var suppressed = await store.SuppressedAmongAsync(ids, ct);

        // Assert
        Assert.Equal(new[] { ids[3], ids[17] }.Order(StringComparer.Ordinal), suppressed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SuppressedAmongAsync_FindsSuppressedIds_InALargeGroup()
    {
        // Arrange: more ids than are read one by one, suppressions inside and outside their range.
        var store = new TableSubscriberStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var prefix = $"s-big-{Guid.NewGuid():N}-";
        var ids = Enumerable.Range(100, 200).Select(i => prefix + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var id in new[] { ids[0], ids[57], ids[^1], prefix + "0050", prefix + "0150x", prefix + "9999" })
        {
            await store.SuppressAsync(id, "bounce", ct);
        }

        // Act
        var suppressed = await store.SuppressedAmongAsync(ids, ct);

        // Assert: only the group's own suppressed ids, not neighbours in the key range.
        Assert.Equal(new[] { ids[0], ids[57], ids[^1] }.Order(StringComparer.Ordinal), suppressed.Order(StringComparer.Ordinal));
    }

    private static Subscriber NewSubscriber(SubscriberStatus status)
    {
        var email = $"reader-{Guid.NewGuid():N}@example.org";
        return new Subscriber { Id = SubscriberIds.FromEmail(email), Email = email, Status = status, Sectors = ["trade"] };
    }

    private static void AssertSameSubscriber(Subscriber expected, Subscriber actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Email, actual.Email);
        Assert.Equal(expected.Sectors, actual.Sectors);
        Assert.Equal(expected.Frequency, actual.Frequency);
        Assert.Equal(expected.TimeZone, actual.TimeZone);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.LastDigestUntil, actual.LastDigestUntil);
        Assert.Equal(expected.DigestInFlight, actual.DigestInFlight);
        Assert.Equal(expected.DigestInFlightAt, actual.DigestInFlightAt);
    }
}
