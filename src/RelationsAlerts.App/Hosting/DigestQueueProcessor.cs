using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Hosting;

/// <summary>
/// Standalone counterpart of the host's queue trigger: receive a batch, run <see cref="SendDigestJob"/> on its
/// messages concurrently, delete each on success, leave failures to reappear, and poison after the same dequeue count as host.json.
/// </summary>
public sealed partial class DigestQueueProcessor(IDigestQueue queue, SendDigestJob job, IOptions<QueueOptions> options, ILogger<DigestQueueProcessor> logger)
{
    /// <summary>Processes one batch; returns the outcomes (failed messages are not included).</summary>
    public async Task<IReadOnlyList<DigestOutcome>> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var messages = await queue.ReceiveAsync(options.Value.BatchSize, options.Value.VisibilityTimeout, cancellationToken);
        // Like the host's queue trigger, the messages of a batch run concurrently.
        var outcomes = await Task.WhenAll(messages.Select(message => ProcessAsync(message, cancellationToken)));
        return [.. outcomes.OfType<DigestOutcome>()];
    }

    private async Task<DigestOutcome?> ProcessAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await job.HandleAsync(message.Body, cancellationToken);
            await queue.DeleteAsync(message, cancellationToken);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await HandleFailureAsync(message, ex, cancellationToken);
            return null;
        }
    }

    private async Task HandleFailureAsync(QueuedMessage message, Exception error, CancellationToken cancellationToken)
    {
        if (message.DequeueCount >= options.Value.MaxDequeueCount)
        {
            await queue.PoisonAsync(message.Body, $"failed {message.DequeueCount} times: {error.Message}", cancellationToken);
            await queue.DeleteAsync(message, cancellationToken);
            Log.Poisoned(logger, message.Id, message.DequeueCount, error.Message);
        }
        else
        {
            Log.WillRetry(logger, message.Id, message.DequeueCount, error.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Digest message {MessageId} moved to the poison queue after {DequeueCount} attempts: {Error}")]
        public static partial void Poisoned(ILogger logger, string messageId, long dequeueCount, string error);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Digest message {MessageId} failed (attempt {DequeueCount}), will retry: {Error}")]
        public static partial void WillRetry(ILogger logger, string messageId, long dequeueCount, string error);
    }
}
