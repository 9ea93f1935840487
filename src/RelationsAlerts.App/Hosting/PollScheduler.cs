using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Hosting;

/// <summary>Standalone PollFeeds timer, on the same schedule the Functions host reads from <c>PollFeedsSchedule</c>.</summary>
public sealed class PollScheduler(PollFeedsJob job, AppInitializer initializer, TimeProvider clock, IOptions<PollingOptions> options, ILogger<PollScheduler> logger)
    : CronBackgroundService(initializer, clock, logger)
{
    protected override string Name => "PollFeeds";

    protected override string Schedule => options.Value.Schedule;

    protected override Task RunJobAsync(CancellationToken cancellationToken) => job.RunAsync(cancellationToken: cancellationToken);
}
