using Cronos;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Hosting;

/// <summary>Standalone timer: runs <see cref="PollFeedsJob"/> on the same NCRONTAB schedule (UTC) the Functions host uses.</summary>
public sealed partial class PollScheduler(
    PollFeedsJob job,
    AppInitializer initializer,
    TimeProvider clock,
    IOptions<PollingOptions> options,
    ILogger<PollScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.Schedule, CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            Log.NextRun(logger, next);
            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                await initializer.EnsureInitializedAsync(stoppingToken);
                await job.RunAsync(cancellationToken: stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.RunFailed(logger, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "Next PollFeeds run at {Next:o}")]
        public static partial void NextRun(ILogger logger, DateTimeOffset next);

        [LoggerMessage(EventId = 221, Level = LogLevel.Error, Message = "PollFeeds run failed; the next scheduled run will try again")]
        public static partial void RunFailed(ILogger logger, Exception exception);
    }
}
