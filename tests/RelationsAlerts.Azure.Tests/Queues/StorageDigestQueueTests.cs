using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Queues;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Azure.Tests.Queues;

/// <summary>Each test uses its own queue pair so leftovers of one test are never received by another.</summary>
public sealed class StorageDigestQueueTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task EnqueueAsync_StoresBase64EncodedJson_WhenReadWithoutDecoding()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        var request = NewRequest();
        var ct = TestContext.Current.CancellationToken;

        // Act
        await queue.EnqueueAsync([request], ct);

        // Assert
        var raw = new QueueClient(fixture.ConnectionString, options.Value.DigestQueueName);
        var peeked = Assert.Single((await raw.PeekMessagesAsync(32, ct)).Value);
        var text = peeked.Body.ToString();
        Assert.Equal(Convert.ToBase64String(DigestRequestSerializer.Serialize(request)), text);
        Assert.True(DigestRequestSerializer.TryDeserialize(Convert.FromBase64String(text), out var parsed, out var reason), reason);
        Assert.Equal(request, parsed);
    }

    [Fact]
    public async Task EnqueueAsync_StoresBase64EncodedJson_WhenResolvedFromServiceCollection()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        await using var provider = new ServiceCollection()
            .AddSingleton(options)
            .AddRelationsAlertsStorage()
            .BuildServiceProvider();
        var queue = provider.GetRequiredService<IDigestQueue>();
        var request = NewRequest();
        var ct = TestContext.Current.CancellationToken;

        // Act
        await queue.EnqueueAsync([request], ct);

        // Assert
        var raw = new QueueClient(fixture.ConnectionString, options.Value.DigestQueueName);
        var peeked = Assert.Single((await raw.PeekMessagesAsync(32, ct)).Value);
        Assert.Equal(Convert.ToBase64String(DigestRequestSerializer.Serialize(request)), peeked.Body.ToString());
    }

    [Fact]
    public async Task ReceiveAsync_ReturnsEnqueuedRequests_InBodyAsJson()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        var requests = new[] { NewRequest(), NewRequest(), NewRequest() };
        var ct = TestContext.Current.CancellationToken;
        await queue.EnqueueAsync(requests, ct);

        // Act
        var messages = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), ct);

        // Assert
        Assert.Equal(3, messages.Count);
        var parsed = messages.Select(m =>
        {
            Assert.True(DigestRequestSerializer.TryDeserialize(m.Body.Span, out var request, out var reason), reason);
            Assert.Equal(1, m.DequeueCount);
            return request!;
        });
        Assert.Equal(requests.Select(r => r.DigestId).Order(StringComparer.Ordinal), parsed.Select(r => r.DigestId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeleteAsync_RemovesMessage_AfterReceiveAsync()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        var ct = TestContext.Current.CancellationToken;
        await queue.EnqueueAsync([NewRequest()], ct);
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), ct));

        // Act
        await queue.DeleteAsync(message, ct);

        // Assert
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        Assert.Empty(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), ct));
        var raw = new QueueClient(fixture.ConnectionString, options.Value.DigestQueueName);
        Assert.Equal(0, (await raw.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task ReceiveAsync_ReturnsMessageAgainWithDequeueCountTwo_AfterVisibilityTimeoutExpires()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        var request = NewRequest();
        var ct = TestContext.Current.CancellationToken;
        await queue.EnqueueAsync([request], ct);
        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), ct));
        var whileHidden = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), ct);

        // Act
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var again = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), ct);

        // Assert
        Assert.Empty(whileHidden);
        var second = Assert.Single(again);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal(first.Body.ToArray(), second.Body.ToArray());
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
    }

    [Fact]
    public async Task ReceiveAsync_ReturnsOneMessage_WhenMaxMessagesIsZero()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        var ct = TestContext.Current.CancellationToken;
        await queue.EnqueueAsync([NewRequest(), NewRequest()], ct);

        // Act
        var messages = await queue.ReceiveAsync(0, TimeSpan.FromSeconds(30), ct);

        // Assert
        Assert.Single(messages);
    }

    [Fact]
    public async Task PoisonAsync_PutsExactBytesOnPoisonQueue_WhenBodyIsNotJson()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"version\":9,\"digestId\":\"д-1\""), 0xFF, 0x00, 0xC3];
        var ct = TestContext.Current.CancellationToken;

        // Act
        await queue.PoisonAsync(body, "unknown message version 9", ct);

        // Assert
        var poison = fixture.QueueServiceClient().GetQueueClient(options.Value.DigestQueueName + "-poison");
        var message = Assert.Single((await poison.ReceiveMessagesAsync(32, cancellationToken: ct)).Value);
        Assert.Equal(body, message.Body.ToArray());
        var raw = new QueueClient(fixture.ConnectionString, options.Value.PoisonQueueName);
        Assert.Empty((await raw.PeekMessagesAsync(32, ct)).Value);
        var main = new QueueClient(fixture.ConnectionString, options.Value.DigestQueueName);
        Assert.Empty((await main.PeekMessagesAsync(32, ct)).Value);
    }

    [Fact]
    public async Task PoisonAsync_KeepsReceivedBodyReplayable_WhenMovedFromDigestQueue()
    {
        // Arrange
        var options = await CreateQueuesAsync();
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        var request = NewRequest();
        var ct = TestContext.Current.CancellationToken;
        await queue.EnqueueAsync([request], ct);
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), ct));

        // Act
        await queue.PoisonAsync(received.Body, "mail transport refused it", ct);
        await queue.DeleteAsync(received, ct);

        // Assert
        var raw = new QueueClient(fixture.ConnectionString, options.Value.PoisonQueueName);
        var peeked = Assert.Single((await raw.PeekMessagesAsync(32, ct)).Value);
        Assert.Equal(Convert.ToBase64String(DigestRequestSerializer.Serialize(request)), peeked.Body.ToString());
    }

    private async Task<IOptions<StorageOptions>> CreateQueuesAsync()
    {
        var options = Options.Create(new StorageOptions
        {
            ConnectionString = fixture.ConnectionString,
            DigestQueueName = "dq-" + Guid.NewGuid().ToString("N")[..12],
        });
        await new StorageInitializer(fixture.TableServiceClient(), fixture.QueueServiceClient(), options)
            .InitializeAsync(TestContext.Current.CancellationToken);
        return options;
    }

    private static DigestRequest NewRequest() =>
        DigestRequest.For("s-" + Guid.NewGuid().ToString("N"), new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero));
}
