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
        // Like the host's queue listener, keep the message hidden while the job runs (a group job with SendGrid retries
        // can outlast the visibility timeout), so no second instance picks it up mid-send.
        using var renewal = new CancellationTokenSource();
        var lease = new Lease(message);
        var renewing = RenewAsync(lease, renewal.Token);
        try
        {
            var outcome = await job.HandleAsync(message.Body, cancellationToken);
            await renewal.CancelAsync();
            await renewing;
            await queue.DeleteAsync(lease.Message, cancellationToken);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await renewal.CancelAsync();
            await renewing;
            await HandleFailureAsync(lease.Message, ex, cancellationToken);
            return null;
        }
        finally
        {
            await renewal.CancelAsync();
        }
    }

    /// <summary>Extends the message's invisibility every half timeout until cancelled; stops quietly if the message is gone.</summary>
    private async Task RenewAsync(Lease lease, CancellationToken cancellationToken)
    {
        var timeout = options.Value.VisibilityTimeout;
        try
        {
            while (true)
            {
                await Task.Delay(timeout / 2, cancellationToken);
                // Not cancellable: an extension the server applied must not be lost, or the delete would use a stale receipt.
                lease.Message = await queue.ExtendAsync(lease.Message, timeout, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The job finished.
        }
#pragma warning disable CA1031 // A failed renewal must not fail the job; the worst case is the redelivery renewal exists to avoid.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RenewalFailed(logger, lease.Message.Id, ex.Message);
        }
    }

    /// <summary>The message with its latest pop receipt.</summary>
    private sealed class Lease(QueuedMessage message)
    {
        public QueuedMessage Message { get; set; } = message;
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

        [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Digest message {MessageId}: could not extend its visibility, it may be delivered again: {Error}")]
        public static partial void RenewalFailed(ILogger logger, string messageId, string error);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Digest message {MessageId} failed (attempt {DequeueCount}), will retry: {Error}")]
        public static partial void WillRetry(ILogger logger, string messageId, long dequeueCount, string error);
    }
}
