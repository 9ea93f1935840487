using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Fetching;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Parsing;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Stories;
using RelationsAlerts.Core.Telemetry;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>
/// Polls one feed: conditional GET, parse, keep relevant items, store them, then record the feed's new state.
/// Every failure is recorded on the feed and returned; it never escapes to fail the other feeds.
/// </summary>
public sealed partial class FeedRefresher(
    FeedFetcher fetcher,
    IFeedStore feedStore,
    IItemStore itemStore,
    StoryAssigner stories,
    TimeProvider clock,
    IOptions<PollingOptions> options,
    PipelineMetrics metrics,
    ILogger<FeedRefresher> logger)
{
    public async Task<FeedRunResult> RefreshAsync(FeedSource feed, SectorTagger tagger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        using var activity = PipelineMetrics.Tracing.StartActivity("RefreshFeed");
        activity?.SetTag("feed.id", feed.Id);
        var result = await RefreshCoreAsync(feed, tagger, cancellationToken);
        metrics.RecordFeedPoll(feed.Id, result.Status == FeedRunStatus.Failed);
        metrics.ItemsFetched.Add(result.ItemsSeen);
        metrics.ItemsKept.Add(result.ItemsKept);
        metrics.ItemsDropped.Add(result.ItemsDropped);
        metrics.ItemsNew.Add(result.ItemsNew);
        return result;
    }

    private async Task<FeedRunResult> RefreshCoreAsync(FeedSource feed, SectorTagger tagger, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchAsync(feed, cancellationToken);
        var now = clock.GetUtcNow();
        switch (fetched)
        {
            case FetchResult.NotModified notModified:
                await SaveSuccessAsync(feed, feed.Url, notModified.ETag ?? feed.State.ETag, notModified.LastModified ?? feed.State.LastModified, NextPoll(now, notModified.ServerDelay, null), cancellationToken);
                Log.NotModified(logger, feed.Id);
                return new FeedRunResult(feed.Id, FeedRunStatus.NotModified, 0, 0, 0, 0, null) { FeedName = feed.Name };
            case FetchResult.Failed failed:
                return await SaveFailureAsync(feed, failed.Kind.ToString(), failed.Message, failed.ServerDelay, cancellationToken);
            case FetchResult.Fetched ok:
                return await ProcessBodyAsync(feed, ok, tagger, cancellationToken);
            default:
                throw new InvalidOperationException($"Unknown fetch result {fetched.GetType().Name}");
        }
    }

    private async Task<FeedRunResult> ProcessBodyAsync(FeedSource feed, FetchResult.Fetched fetched, SectorTagger tagger, CancellationToken cancellationToken)
    {
        ParsedFeed parsed;
        try
        {
            parsed = FeedBodyParser.Parse(feed.Type, fetched.Body, fetched.ContentType, fetched.FinalUrl);
        }
        catch (FeedParseException ex)
        {
            return await SaveFailureAsync(feed, nameof(FetchFailureKind.Parse), ex.Message, null, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var kept = new List<NewsItem>();
        foreach (var entry in parsed.Items)
        {
            if (ItemProcessor.Process(entry, feed.Id, tagger, now) is { } item)
            {
                kept.Add(item);
            }
        }

        var (added, newSectors) = await StoreAsync(kept, cancellationToken);

        // State is written only after every item is stored, so a poll that dies half-way re-reads the feed next time.
        var url = fetched.PermanentlyMoved ? fetched.FinalUrl : feed.Url;
        await SaveSuccessAsync(feed, url, fetched.ETag, fetched.LastModified, NextPoll(now, fetched.ServerDelay, parsed.Ttl), cancellationToken);
        Log.Fetched(logger, feed.Id, parsed.Items.Count, kept.Count, added);
        return new FeedRunResult(feed.Id, FeedRunStatus.Fetched, parsed.Items.Count, kept.Count, parsed.Items.Count - kept.Count, added, null)
        {
            NewSectors = newSectors,
            FeedName = feed.Name,
        };
    }

    /// <summary>
    /// Stores the kept items not stored before: one batched lookup skips the known ones (an unchanged feed that is not
    /// answered with 304 writes nothing), the rest are filed under stories as one batch (before they are stored, so a
    /// stored item carries its story and a retried poll keeps it), then stored as one batch.
    /// </summary>
    private async Task<(int Added, HashSet<string> NewSectors)> StoreAsync(List<NewsItem> kept, CancellationToken cancellationToken)
    {
        var newSectors = new HashSet<string>(StringComparer.Ordinal);
        var unique = kept.DistinctBy(i => i.Id, StringComparer.Ordinal).ToList();
        if (unique.Count == 0)
        {
            return (0, newSectors);
        }

        var stored = await itemStore.FindStoredAsync([.. unique.Select(i => i.Id)], cancellationToken);
        var fresh = unique.Where(i => !stored.ContainsKey(i.Id)).ToList();
        if (fresh.Count == 0)
        {
            return (0, newSectors);
        }

        var storied = await stories.AssignManyAsync(fresh, cancellationToken);
        var isNew = await itemStore.TryAddManyAsync(storied, cancellationToken);
        var added = 0;
        for (var i = 0; i < storied.Count; i++)
        {
            if (isNew[i])
            {
                added++;
                newSectors.UnionWith(storied[i].Sectors);
            }
        }

        return (added, newSectors);
    }

    private DateTimeOffset NextPoll(DateTimeOffset now, TimeSpan? serverDelay, TimeSpan? ttl)
    {
        var delay = new[] { options.Value.MinInterval, serverDelay ?? TimeSpan.Zero, ttl ?? TimeSpan.Zero }.Max();
        return now + (delay > options.Value.MaxBackoff ? options.Value.MaxBackoff : delay);
    }

    private Task SaveSuccessAsync(FeedSource feed, Uri url, string? etag, string? lastModified, DateTimeOffset next, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var state = feed.State with
        {
            ETag = etag,
            LastModified = lastModified,
            LastAttemptAt = now,
            LastSuccessAt = now,
            ConsecutiveFailures = 0,
            NextPollAt = next,
        };
        return feedStore.SaveStateAsync(feed.Id, state, url == feed.Url ? null : url, cancellationToken);
    }

    private async Task<FeedRunResult> SaveFailureAsync(FeedSource feed, string kind, string message, TimeSpan? serverDelay, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var failures = feed.State.ConsecutiveFailures + 1;
        var backoff = TimeSpan.FromTicks(Math.Min(options.Value.BaseBackoff.Ticks * (1L << Math.Min(failures - 1, 20)), options.Value.MaxBackoff.Ticks));
        if (serverDelay > backoff)
        {
            backoff = serverDelay.Value > options.Value.MaxBackoff ? options.Value.MaxBackoff : serverDelay.Value;
        }

        var state = feed.State with
        {
            LastAttemptAt = now,
            LastErrorKind = kind,
            LastErrorMessage = message.Length > 500 ? message[..500] : message,
            ConsecutiveFailures = failures,
            NextPollAt = now + backoff,
        };
        await feedStore.SaveStateAsync(feed.Id, state, cancellationToken: cancellationToken);
        Log.Failed(logger, feed.Id, kind, message, failures);
        return new FeedRunResult(feed.Id, FeedRunStatus.Failed, 0, 0, 0, 0, $"{kind}: {message}") { FeedName = feed.Name };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Feed {FeedId}: {Entries} entries, {Kept} relevant, {Added} new")]
        public static partial void Fetched(ILogger logger, string feedId, int entries, int kept, int added);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Feed {FeedId}: not modified")]
        public static partial void NotModified(ILogger logger, string feedId);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Feed {FeedId} failed ({Kind}): {Error}; {Failures} consecutive failures")]
        public static partial void Failed(ILogger logger, string feedId, string kind, string error, int failures);
    }
}
