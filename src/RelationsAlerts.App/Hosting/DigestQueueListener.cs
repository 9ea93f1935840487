using Microsoft.Extensions.Options;

namespace RelationsAlerts.App.Hosting;

/// <summary>Standalone queue listener: polls with exponential back-off up to <see cref="QueueOptions.MaxPollingInterval"/> when idle.</summary>
public sealed partial class DigestQueueListener(
    DigestQueueProcessor processor,
    AppInitializer initializer,
    TimeProvider clock,
    IOptions<QueueOptions> options,
    ILogger<DigestQueueListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await initializer.EnsureInitializedAsync(stoppingToken);
                var handled = await processor.ProcessBatchAsync(stoppingToken);
                idle = handled.Count > 0 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, options.Value.MaxPollingInterval.Ticks));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Storage unreachable and the like: keep listening, the messages are safe in the queue.
                Log.ListenerError(logger, ex);
                idle = options.Value.MaxPollingInterval;
            }

            await Task.Delay(idle, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 210, Level = LogLevel.Error, Message = "Digest queue listener error; retrying")]
        public static partial void ListenerError(ILogger logger, Exception exception);
    }
}
