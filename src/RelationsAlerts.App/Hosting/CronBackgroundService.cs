using Cronos;

namespace RelationsAlerts.App.Hosting;

/// <summary>Standalone timer: runs a job on an NCRONTAB schedule (UTC), as the Functions timer trigger would.</summary>
public abstract partial class CronBackgroundService(AppInitializer initializer, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract string Name { get; }

    protected abstract string Schedule { get; }

    protected abstract Task RunJobAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(Schedule, CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            Log.NextRun(logger, Name, next);
            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                await initializer.EnsureInitializedAsync(stoppingToken);
                await RunJobAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.RunFailed(logger, Name, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 220, Level = LogLevel.Debug, Message = "Next {Job} run at {Next:o}")]
        public static partial void NextRun(ILogger logger, string job, DateTimeOffset next);

        [LoggerMessage(EventId = 221, Level = LogLevel.Error, Message = "{Job} run failed; the next scheduled run will try again")]
        public static partial void RunFailed(ILogger logger, string job, Exception exception);
    }
}
