using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>
/// Queues digest jobs for due subscribers, grouped by identical content (<see cref="DigestPlanner"/>) so SendDigest can
/// send each group in one request. Used by ScheduleDigests (daily, weekly, instant catch-up) and PollFeeds (instant).
/// </summary>
public sealed partial class DigestJobQueuer(
    ISubscriberStore subscribers,
    IItemStore items,
    ITopicStore topics,
    IDigestQueue queue,
    IOptions<DigestOptions> options,
    ILogger<DigestJobQueuer> logger)
{
    /// <summary>
    /// After new items were stored (a poll, or an admin's "poll this feed now"): queues a digest up to
    /// <paramref name="until"/> for every active instant subscriber (every subscriber when <paramref name="everyFrequency"/>)
    /// who follows one of <paramref name="newSectors"/>. Daily and weekly digests are ScheduleDigests' job.
    /// </summary>
    public async Task<int> QueueForNewItemsAsync(IReadOnlyCollection<string> newSectors, DateTimeOffset until, bool everyFrequency = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newSectors);
        if (newSectors.Count == 0)
        {
            return 0;
        }

        var sectors = newSectors.ToHashSet(StringComparer.Ordinal);
        var due = (await subscribers.ListActiveAsync(cancellationToken))
            .Where(s => (everyFrequency || s.Frequency == DigestFrequency.Instant) && s.Sectors.Any(sectors.Contains))
            .Select(s => (s, until))
            .ToList();
        return await QueueAsync(due, cancellationToken: cancellationToken);
    }

    /// <summary>Queues jobs for <paramref name="due"/>; returns how many subscribers' digests were queued.</summary>
    /// <param name="due">The subscribers and the cut-off of each one's digest.</param>
    /// <param name="read">
    /// Items the caller has read already (first seen after <see cref="ItemsRead.From"/>, up to <see cref="ItemsRead.Until"/>),
    /// used instead of reading again when they cover every digest's window; null: read them.
    /// </param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<int> QueueAsync(IReadOnlyCollection<(Subscriber Subscriber, DateTimeOffset Until)> due, ItemsRead? read = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (due.Count == 0)
        {
            return 0;
        }

        var lookback = options.Value.FirstDigestLookback;
        var (from, until) = (DigestPlanner.EarliestStart(due, lookback), due.Max(d => d.Until));
        var window = read is not null && read.From <= from && read.Until >= until
            ? [.. read.Items.Where(i => i.FirstSeenAt > from && i.FirstSeenAt <= until)]
            : await items.ListSeenBetweenAsync(from, until, cancellationToken);
        var jobs = DigestPlanner.Plan(due, window, await topics.ListAsync(cancellationToken), lookback);
        await queue.EnqueueAsync(jobs, cancellationToken);
        Log.Queued(logger, due.Count, jobs.Count);
        return due.Count;
    }

    /// <summary>Items first seen after <paramref name="From"/> up to and including <paramref name="Until"/>, as <see cref="IItemStore.ListSeenBetweenAsync"/> lists them.</summary>
    public sealed record ItemsRead(DateTimeOffset From, DateTimeOffset Until, IReadOnlyList<NewsItem> Items);

    private static partial class Log
    {
        [LoggerMessage(EventId = 135, Level = LogLevel.Information, Message = "Queued digests for {Subscribers} subscribers in {Jobs} jobs (identical digests share a job)")]
        public static partial void Queued(ILogger logger, int subscribers, int jobs);
    }
}
