using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Queues;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Digests;

namespace RelationsAlerts.Azure.Tests.Queues;

/// <summary><see cref="StorageDigestQueue.ReplayPoisonAsync"/> against Azurite; each test uses its own queue pair.</summary>
public sealed class StorageDigestQueueReplayTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReplayPoisonAsync_MovesEveryMessageBack_WithBase64BodiesUnchanged()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        var requests = new[] { NewRequest(), NewRequest(), NewRequest() };
        await PoisonAsync(queue, requests);

        // Act
        var moved = await queue.ReplayPoisonAsync(10, Ct);

        // Assert
        Assert.Equal(3, moved);
        Assert.Empty(await RawPeekAsync(options.Value.PoisonQueueName));
        var raw = await RawPeekAsync(options.Value.DigestQueueName);
        Assert.Equal(
            requests.Select(r => Convert.ToBase64String(DigestRequestSerializer.Serialize(r))).Order(StringComparer.Ordinal),
            raw.Order(StringComparer.Ordinal));
        var received = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(3, received.Count);
        Assert.All(received, m => Assert.True(DigestRequestSerializer.TryDeserialize(m.Body.Span, out _, out var reason), reason));
    }

    [Fact]
    public async Task ReplayPoisonAsync_MovesAtMostMax_AndLeavesTheRestInPoison()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        await PoisonAsync(queue, [NewRequest(), NewRequest(), NewRequest(), NewRequest(), NewRequest()]);

        // Act
        var moved = await queue.ReplayPoisonAsync(2, Ct);

        // Assert
        Assert.Equal(2, moved);
        Assert.Equal(2, (await RawPeekAsync(options.Value.DigestQueueName)).Count);
        Assert.Equal(3, (await RawPeekAsync(options.Value.PoisonQueueName)).Count);
        Assert.Equal(3, await queue.CountPoisonAsync(Ct));
    }

    [Fact]
    public async Task ReplayPoisonAsync_ReturnsZero_WhenPoisonQueueIsEmptyOrMissing()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        var missing = Options.Create(new StorageOptions { ConnectionString = fixture.ConnectionString, DigestQueueName = "dq-missing-" + Guid.NewGuid().ToString("N")[..8] });

        // Act
        var fromEmpty = await queue.ReplayPoisonAsync(10, Ct);
        var fromMissing = await new StorageDigestQueue(fixture.QueueServiceClient(), missing).ReplayPoisonAsync(10, Ct);

        // Assert
        Assert.Equal(0, fromEmpty);
        Assert.Equal(0, fromMissing);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task ReplayPoisonAsync_Throws_WhenMaxIsNotPositive(int max)
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReplayPoisonAsync(max, Ct));
    }

    /// <summary>Puts the requests on the poison queue the way the listener does: received from the digest queue, poisoned, deleted.</summary>
    private static async Task PoisonAsync(StorageDigestQueue queue, DigestRequest[] requests)
    {
        await queue.EnqueueAsync(requests, Ct);
        var received = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(requests.Length, received.Count);
        foreach (var message in received)
        {
            await queue.PoisonAsync(message.Body, "test", Ct);
            await queue.DeleteAsync(message, Ct);
        }
    }

    private async Task<List<string>> RawPeekAsync(string queueName) =>
        [.. (await new QueueClient(fixture.ConnectionString, queueName).PeekMessagesAsync(32, Ct)).Value.Select(m => m.Body.ToString())];

    private async Task<IOptions<StorageOptions>> CreateQueuesAsync()
    {
        var options = Options.Create(new StorageOptions
        {
            ConnectionString = fixture.ConnectionString,
            DigestQueueName = "dq-" + Guid.NewGuid().ToString("N")[..12],
        });
        await new StorageInitializer(fixture.TableServiceClient(), fixture.QueueServiceClient(), options).InitializeAsync(Ct);
        return options;
    }

    private static DigestRequest NewRequest() =>
        DigestRequest.For("s-" + Guid.NewGuid().ToString("N"), new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero));
}
