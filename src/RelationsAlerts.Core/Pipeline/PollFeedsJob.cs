using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Telemetry;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>
/// The PollFeeds use case: refresh every due feed (bounded parallelism), then queue a digest job for each
/// active subscriber. Called by the timer trigger, the standalone scheduler and <c>run --once</c> alike.
/// </summary>
public sealed partial class PollFeedsJob(
    IFeedStore feedStore,
    ITopicStore topicStore,
    IDigestQueue digestQueue,
    DigestJobQueuer digestJobs,
    FeedRefresher refresher,
    TimeProvider clock,
    IOptions<PollingOptions> options,
    PipelineMetrics metrics,
    ILogger<PollFeedsJob> logger)
{
    /// <param name="progress">Receives each feed's result as it finishes.</param>
    /// <param name="digestsForAll">Queue digests for every frequency, not only instant subscribers (<c>run --once</c>).</param>
    /// <param name="includeNotDue">Poll every feed that is not paused, not only the due ones (<c>run --once --all</c>).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<PollSummary> RunAsync(IProgress<FeedRunResult>? progress = null, bool digestsForAll = false, bool includeNotDue = false, CancellationToken cancellationToken = default)
    {
        using var activity = PipelineMetrics.Tracing.StartActivity("PollFeeds");
        var started = clock.GetUtcNow();
        await topicStore.SeedAsync(DefaultTopics.All, cancellationToken);
        var tagger = new SectorTagger(await topicStore.ListAsync(cancellationToken));
        var due = (await feedStore.ListAsync(cancellationToken)).Where(f => includeNotDue ? !f.Paused : f.IsDue(started)).ToList();
        Log.Starting(logger, due.Count);

        var results = new List<FeedRunResult>(due.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelFeeds, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (feed, ct) =>
        {
            var result = await refresher.RefreshAsync(feed, tagger, ct);
            lock (results)
            {
                results.Add(result);
            }

            progress?.Report(result);
        });

        var newSectors = results.SelectMany(r => r.NewSectors).ToHashSet(StringComparer.Ordinal);
        // Instant subscribers hear about new items now (everyone, for run --once); the job carries the cut-off, and a job
        // whose cut-off a previous digest already covered is skipped.
        var queued = await digestJobs.QueueForNewItemsAsync(newSectors, clock.GetUtcNow(), digestsForAll, cancellationToken);
        // The poison-queue alert reads this gauge; report it on every run, zero included.
        metrics.RecordPoisonMessages(await digestQueue.CountPoisonAsync(cancellationToken));
        var summary = new PollSummary([.. results.OrderBy(r => r.FeedId, StringComparer.Ordinal)], queued, clock.GetUtcNow());
        Log.Finished(logger, summary.FeedsPolled, summary.FeedsFailed, summary.ItemsKept, summary.ItemsNew, summary.ItemsDropped, queued);
        return summary;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "PollFeeds: {DueFeeds} feeds due")]
        public static partial void Starting(ILogger logger, int dueFeeds);

        [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "PollFeeds finished: {Feeds} feeds ({Failed} failed), {Kept} items kept ({New} new), {Dropped} dropped, {Queued} digest jobs queued")]
        public static partial void Finished(ILogger logger, int feeds, int failed, int kept, int @new, int dropped, int queued);
    }
}
