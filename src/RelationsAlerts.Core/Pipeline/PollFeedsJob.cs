using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Feeds;
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
        var listing = feedStore.ListAsync(cancellationToken);
        await topicStore.SeedAsync(DefaultTopics.All, cancellationToken);
        var tagger = new SectorTagger(await topicStore.ListAsync(cancellationToken));
        var due = (await listing).Where(f => includeNotDue ? !f.Paused : f.IsDue(started)).ToList();
        Log.Starting(logger, due.Count);

        var results = await RefreshAllAsync(due, tagger, progress, cancellationToken);
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

    /// <summary>
    /// Fetches the feeds (bounded parallelism) while one consumer stores what has arrived: each store takes every feed
    /// fetched since the last one (up to <see cref="MaxFeedsPerStore"/>) as one batch, so items, stories and feed
    /// states are written in few requests however many feeds there are, and fetching never waits for storage.
    /// </summary>
    private async Task<List<FeedRunResult>> RefreshAllAsync(List<FeedSource> due, SectorTagger tagger, IProgress<FeedRunResult>? progress, CancellationToken cancellationToken)
    {
        var results = new List<FeedRunResult>(due.Count);
        var fetched = Channel.CreateUnbounded<FeedPoll>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelFeeds, CancellationToken = stop.Token };
        var fetching = Task.Run(
            async () =>
            {
                try
                {
                    await Parallel.ForEachAsync(due, parallel, async (feed, ct) => await fetched.Writer.WriteAsync(await refresher.FetchAsync(feed, tagger, ct), ct));
                    fetched.Writer.TryComplete();
                }
                catch (Exception ex)
                {
                    fetched.Writer.TryComplete(ex);
                    throw;
                }
            },
            CancellationToken.None);

        try
        {
            var batch = new List<FeedPoll>();
            while (await fetched.Reader.WaitToReadAsync(stop.Token))
            {
                batch.Clear();
                while (batch.Count < MaxFeedsPerStore && fetched.Reader.TryRead(out var poll))
                {
                    batch.Add(poll);
                }

                foreach (var result in await refresher.StoreAsync(batch, stop.Token))
                {
                    results.Add(result);
                    progress?.Report(result);
                }
            }
        }
        catch
        {
            // A storage failure ends the run: stop fetching, then report the failure itself.
            await stop.CancelAsync();
            await Task.WhenAny(fetching);
            throw;
        }

        await fetching;
        return results;
    }

    /// <summary>Feeds stored together at most: one entity group transaction of feed states.</summary>
    private const int MaxFeedsPerStore = 100;

    private static partial class Log
    {
        [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "PollFeeds: {DueFeeds} feeds due")]
        public static partial void Starting(ILogger logger, int dueFeeds);

        [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "PollFeeds finished: {Feeds} feeds ({Failed} failed), {Kept} items kept ({New} new), {Dropped} dropped, {Queued} digest jobs queued")]
        public static partial void Finished(ILogger logger, int feeds, int failed, int kept, int @new, int dropped, int queued);
    }
}
