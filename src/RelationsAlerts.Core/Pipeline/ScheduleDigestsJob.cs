using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Items;
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
    IItemStore items,
    DigestJobQueuer queuer,
    SubscriptionService subscriptions,
    TimeProvider clock,
    IOptions<DigestOptions> options,
    ILogger<ScheduleDigestsJob> logger)
{
    public async Task<ScheduleSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var active = await subscribers.ListActiveAsync(cancellationToken);
        var due = new List<(Subscriber, DateTimeOffset)>();
        foreach (var subscriber in active)
        {
            if (DigestSchedule.LatestOccurrence(subscriber, now) is { } occurrence && (subscriber.LastDigestUntil is null || subscriber.LastDigestUntil < occurrence))
            {
                due.Add((subscriber, occurrence));
            }
        }

        // One read serves the instant catch-up and, when it reaches back far enough, every digest's window.
        var instant = active.Where(s => s.Frequency == DigestFrequency.Instant).ToList();
        DigestJobQueuer.ItemsRead? read = null;
        if (instant.Count > 0)
        {
            var floor = now - options.Value.FirstDigestLookback;
            var from = due.Count == 0 ? floor : Min(floor, DigestPlanner.EarliestStart(due, options.Value.FirstDigestLookback));
            read = new DigestJobQueuer.ItemsRead(from, now, await items.ListSeenBetweenAsync(from, now, cancellationToken));
            due.AddRange(InstantCatchUp(instant, [.. read.Items.Where(i => i.FirstSeenAt > floor)], floor));
        }

        var queued = await queuer.QueueAsync(due, read, cancellationToken);

        var expired = await subscriptions.ExpirePendingAsync(cancellationToken);
        Log.Scheduled(logger, queued, expired);
        return new ScheduleSummary(queued, expired);
    }

    /// <summary>
    /// PollFeeds queues instant digests right after storing items; if it died in between, this sweep finds instant
    /// subscribers with items (first seen since <paramref name="floor"/>) newer than their last digest and queues them, so
    /// nothing waits for the next new item.
    /// </summary>
    private static IEnumerable<(Subscriber, DateTimeOffset)> InstantCatchUp(List<Subscriber> instant, List<NewsItem> recent, DateTimeOffset floor)
    {
        if (recent.Count == 0)
        {
            return [];
        }

        var newest = recent.Max(i => i.FirstSeenAt);
        return instant
            .Where(s => recent.Any(i => i.FirstSeenAt > (s.LastDigestUntil ?? floor) && i.Sectors.Any(s.Sectors.Contains)))
            .Select(s => (s, newest));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

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
