using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Hosting;

/// <summary>Standalone ScheduleDigests timer, on the same schedule the Functions host reads from <c>ScheduleDigestsSchedule</c>.</summary>
public sealed class DigestScheduler(ScheduleDigestsJob job, AppInitializer initializer, TimeProvider clock, IOptions<DigestOptions> options, ILogger<DigestScheduler> logger)
    : CronBackgroundService(initializer, clock, logger)
{
    protected override string Name => "ScheduleDigests";

    protected override string Schedule => options.Value.Schedule;

    protected override Task RunJobAsync(CancellationToken cancellationToken) => job.RunAsync(cancellationToken);
}
