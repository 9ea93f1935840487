using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
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
    public async Task<QueuedMessage> ExtendAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var receipt = await queue.UpdateMessageAsync(message.Id, message.PopReceipt, message: (BinaryData?)null, visibilityTimeout, cancellationToken);
        return message with { PopReceipt = receipt.Value.PopReceipt };
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

    /// <inheritdoc/>
    /// <remarks>
    /// Both clients use base64 encoding, so each body is re-sent with exactly the bytes the Functions host (or
    /// <see cref="PoisonAsync"/>) put on the poison queue. Received messages stay hidden for a minute; one is deleted
    /// from the poison queue only after it has been sent to the digest queue. A missing poison queue means nothing to replay.
    /// </remarks>
    public async Task<int> ReplayPoisonAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var moved = 0;
        while (moved < max)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await poison.ReceiveMessagesAsync(Math.Min(32, max - moved), TimeSpan.FromMinutes(1), cancellationToken)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                break;
            }

            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                await queue.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                moved++;
            }
        }

        return moved;
    }
}
