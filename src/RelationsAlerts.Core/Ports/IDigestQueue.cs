using RelationsAlerts.Core.Digests;

namespace RelationsAlerts.Core.Ports;

/// <summary>The digest job queue (the Functions host's queue trigger reads the same queue).</summary>
public interface IDigestQueue
{
    Task EnqueueAsync(IEnumerable<DigestRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>Receives up to <paramref name="maxMessages"/> messages, hidden for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps a message being processed hidden for another <paramref name="visibilityTimeout"/>; returns it with the new pop
    /// receipt, which later calls (and the delete) must use.
    /// </summary>
    Task<QueuedMessage> ExtendAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Moves a message body to the poison queue with the reason it could not be processed.</summary>
    Task PoisonAsync(ReadOnlyMemory<byte> body, string reason, CancellationToken cancellationToken = default);

    /// <summary>Approximate number of messages in the poison queue (for the alert metric).</summary>
    Task<long> CountPoisonAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves up to <paramref name="max"/> messages from the poison queue back to the digest queue, bodies unchanged
    /// (at least once: a crash between send and delete leaves a copy in both). Returns how many were moved.
    /// </summary>
    Task<int> ReplayPoisonAsync(int max, CancellationToken cancellationToken = default);
}

/// <summary>A received queue message.</summary>
public sealed record QueuedMessage(string Id, string PopReceipt, ReadOnlyMemory<byte> Body, long DequeueCount);
