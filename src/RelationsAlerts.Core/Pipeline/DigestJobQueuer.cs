using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>
/// Queues digest jobs for due subscribers, grouped by identical content (<see cref="DigestPlanner"/>) so SendDigest can
/// send each group in one request. Used by ScheduleDigests (daily, weekly, instant catch-up) and PollFeeds (instant).
/// </summary>
public sealed partial class DigestJobQueuer(
    IItemStore items,
    ITopicStore topics,
    IDigestQueue queue,
    IOptions<DigestOptions> options,
    ILogger<DigestJobQueuer> logger)
{
    /// <summary>Queues jobs for <paramref name="due"/>; returns how many subscribers' digests were queued.</summary>
    public async Task<int> QueueAsync(IReadOnlyCollection<(Subscriber Subscriber, DateTimeOffset Until)> due, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (due.Count == 0)
        {
            return 0;
        }

        var lookback = options.Value.FirstDigestLookback;
        var window = await items.ListSeenBetweenAsync(DigestPlanner.EarliestStart(due, lookback), due.Max(d => d.Until), cancellationToken);
        var jobs = DigestPlanner.Plan(due, window, await topics.ListAsync(cancellationToken), lookback);
        await queue.EnqueueAsync(jobs, cancellationToken);
        Log.Queued(logger, due.Count, jobs.Count);
        return due.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 135, Level = LogLevel.Information, Message = "Queued digests for {Subscribers} subscribers in {Jobs} jobs (identical digests share a job)")]
        public static partial void Queued(ILogger logger, int subscribers, int jobs);
    }
}
