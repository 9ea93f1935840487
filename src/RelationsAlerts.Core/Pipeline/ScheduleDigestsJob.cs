using Microsoft.Extensions.Logging;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>
/// The ScheduleDigests timer: queue a job for every daily/weekly subscriber whose digest fell due since their last
/// one, and expire unconfirmed sign-ups. The job's cut-off is the scheduled instant, so a job queued twice (runs
/// overlapping, or a run repeated after a crash) has one digest id and is sent once.
/// </summary>
public sealed partial class ScheduleDigestsJob(
    ISubscriberStore subscribers,
    IDigestQueue queue,
    SubscriptionService subscriptions,
    TimeProvider clock,
    ILogger<ScheduleDigestsJob> logger)
{
    public async Task<ScheduleSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = new List<DigestRequest>();
        foreach (var subscriber in await subscribers.ListActiveAsync(cancellationToken))
        {
            if (DigestSchedule.LatestOccurrence(subscriber, now) is { } occurrence && (subscriber.LastDigestUntil is null || subscriber.LastDigestUntil < occurrence))
            {
                due.Add(DigestRequest.For(subscriber.Id, occurrence));
            }
        }

        foreach (var batch in due.Chunk(100))
        {
            await queue.EnqueueAsync(batch, cancellationToken);
        }

        var expired = await subscriptions.ExpirePendingAsync(cancellationToken);
        Log.Scheduled(logger, due.Count, expired);
        return new ScheduleSummary(due.Count, expired);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "ScheduleDigests: {Queued} digest jobs queued, {Expired} unconfirmed sign-ups expired")]
        public static partial void Scheduled(ILogger logger, int queued, int expired);
    }
}

/// <summary>Totals of one ScheduleDigests run.</summary>
public sealed record ScheduleSummary(int DigestsQueued, int PendingExpired)
{
    public override string ToString() => $"digests queued: {DigestsQueued}, unconfirmed sign-ups expired: {PendingExpired}";
}
