using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Azure.Queues;

/// <summary>
/// The digest queue on Azure Storage. The client is configured for base64 messages, the encoding the Functions
/// host's queue trigger expects by default, so either side can produce and consume.
/// </summary>
public sealed class StorageDigestQueue(QueueServiceClient client, IOptions<StorageOptions> options) : IDigestQueue
{
    private readonly QueueClient queue = client.GetQueueClient(options.Value.DigestQueueName);
    private readonly QueueClient poison = client.GetQueueClient(options.Value.PoisonQueueName);

    /// <inheritdoc/>
    public async Task EnqueueAsync(IEnumerable<DigestRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            await queue.SendMessageAsync(new BinaryData(DigestRequestSerializer.Serialize(request)), cancellationToken: cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var response = await queue.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, 32), visibilityTimeout, cancellationToken);
        return [.. response.Value.Select(m => new QueuedMessage(m.MessageId, m.PopReceipt, m.Body.ToMemory(), m.DequeueCount))];
    }

    /// <inheritdoc/>
    public Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return queue.DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>The body goes to the poison queue unchanged (as the Functions host does) so it can be replayed; the reason is logged by the caller.</remarks>
    public Task PoisonAsync(ReadOnlyMemory<byte> body, string reason, CancellationToken cancellationToken = default) =>
        poison.SendMessageAsync(new BinaryData(body), cancellationToken: cancellationToken);

    /// <inheritdoc/>
    public async Task<long> CountPoisonAsync(CancellationToken cancellationToken = default) =>
        (await poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
}
