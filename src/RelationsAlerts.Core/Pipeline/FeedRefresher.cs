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
/// Polls feeds in two steps: <see cref="FetchAsync"/> (conditional GET, parse, keep relevant items; writes nothing) and
/// <see cref="StoreAsync"/> (store the kept items of several feeds as one batch, then record each feed's new state).
/// Every failure of a feed is recorded on it and returned; it never escapes to fail the other feeds.
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
    /// <summary>Fetches and stores one feed (the admin API's "poll now").</summary>
    public async Task<FeedRunResult> RefreshAsync(FeedSource feed, SectorTagger tagger, CancellationToken cancellationToken)
    {
        var poll = await FetchAsync(feed, tagger, cancellationToken);
        return (await StoreAsync([poll], cancellationToken))[0];
    }

    /// <summary>Conditional GET, parse, and the relevant entries as items. Writes nothing; a failure is a value.</summary>
    public async Task<FeedPoll> FetchAsync(FeedSource feed, SectorTagger tagger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(tagger);
        using var activity = PipelineMetrics.Tracing.StartActivity("FetchFeed");
        activity?.SetTag("feed.id", feed.Id);
        var fetched = await fetcher.FetchAsync(feed, cancellationToken);
        var now = clock.GetUtcNow();
        switch (fetched)
        {
            case FetchResult.NotModified notModified:
                return new FeedPoll(feed, FeedRunStatus.NotModified, Success(feed, notModified.ETag ?? feed.State.ETag, notModified.LastModified ?? feed.State.LastModified, NextPoll(now, notModified.ServerDelay, null)));
            case FetchResult.Failed failed:
                return Failure(feed, failed.Kind.ToString(), failed.Message, failed.ServerDelay);
            case FetchResult.Fetched ok:
                return Read(feed, ok, tagger);
            default:
                throw new InvalidOperationException($"Unknown fetch result {fetched.GetType().Name}");
        }
    }

    /// <summary>
    /// Stores the kept items of <paramref name="polls"/> as one batch, then records every feed's new state (also
    /// batched), and returns each feed's result in the order given. State is recorded only after the items are stored,
    /// so a poll that dies half-way reads the feed again next time. An item several feeds carry counts as new for the
    /// first of them.
    /// </summary>
    public async Task<IReadOnlyList<FeedRunResult>> StoreAsync(IReadOnlyList<FeedPoll> polls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(polls);
        using var activity = PipelineMetrics.Tracing.StartActivity("StoreFeeds");
        activity?.SetTag("feeds", polls.Count);
        var newItems = await StoreItemsAsync([.. polls.SelectMany(p => p.Unseen)], cancellationToken);
        await feedStore.SaveStatesAsync([.. polls.Select(p => new FeedStateUpdate(p.Feed.Id, p.State, p.MovedTo))], cancellationToken);

        var results = new List<FeedRunResult>(polls.Count);
        foreach (var poll in polls)
        {
            var result = Result(poll, newItems);
            metrics.RecordFeedPoll(poll.Feed.Id, result.Status == FeedRunStatus.Failed);
            metrics.ItemsFetched.Add(result.ItemsSeen);
            metrics.ItemsKept.Add(result.ItemsKept);
            metrics.ItemsDropped.Add(result.ItemsDropped);
            metrics.ItemsNew.Add(result.ItemsNew);
            results.Add(result);
        }

        return results;
    }

    /// <summary>The feed's result; takes the items it stored first out of <paramref name="newItems"/>.</summary>
    private FeedRunResult Result(FeedPoll poll, Dictionary<string, NewsItem> newItems)
    {
        var feed = poll.Feed;
        switch (poll.Status)
        {
            case FeedRunStatus.NotModified:
                Log.NotModified(logger, feed.Id);
                return new FeedRunResult(feed.Id, FeedRunStatus.NotModified, 0, 0, 0, 0, null) { FeedName = feed.Name };
            case FeedRunStatus.Failed:
                Log.Failed(logger, feed.Id, poll.State.LastErrorKind ?? "", poll.State.LastErrorMessage ?? "", poll.State.ConsecutiveFailures);
                return new FeedRunResult(feed.Id, FeedRunStatus.Failed, 0, 0, 0, 0, poll.Error) { FeedName = feed.Name };
            default:
                var sectors = new HashSet<string>(StringComparer.Ordinal);
                var added = 0;
                foreach (var item in poll.Kept)
                {
                    if (newItems.Remove(item.Id, out var stored))
                    {
                        added++;
                        sectors.UnionWith(stored.Sectors);
                    }
                }

                Log.Fetched(logger, feed.Id, poll.Entries, poll.Kept.Count, added);
                return new FeedRunResult(feed.Id, FeedRunStatus.Fetched, poll.Entries, poll.Kept.Count, poll.Entries - poll.Kept.Count, added, null)
                {
                    NewSectors = sectors,
                    FeedName = feed.Name,
                };
        }
    }

    private FeedPoll Read(FeedSource feed, FetchResult.Fetched fetched, SectorTagger tagger)
    {
        ParsedFeed parsed;
        try
        {
            parsed = FeedBodyParser.Parse(feed.Type, fetched.Body, fetched.ContentType, fetched.FinalUrl);
        }
        catch (FeedParseException ex)
        {
            return Failure(feed, nameof(FetchFailureKind.Parse), ex.Message, null);
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

        var seen = SeenItems.Parse(feed.State.SeenItems);
        var state = Success(feed, fetched.ETag, fetched.LastModified, NextPoll(now, fetched.ServerDelay, parsed.Ttl)) with
        {
            SeenItems = SeenItems.Of(kept.Select(i => i.Id)),
        };
        return new FeedPoll(feed, FeedRunStatus.Fetched, state)
        {
            Entries = parsed.Items.Count,
            Kept = kept,
            Unseen = [.. kept.Where(i => !SeenItems.Contains(seen, i.Id))],
            MovedTo = fetched.PermanentlyMoved && fetched.FinalUrl != feed.Url ? fetched.FinalUrl : null,
        };
    }

    /// <summary>
    /// Stores the items not stored before, returning the ones new now by id. Items a feed carried at its last read are
    /// not passed here (its seen set), so an unchanged document served without a 304 costs no storage request. Each item
    /// is claimed first (batched inserts: a stored one writes nothing); the claimed ones are filed under stories as one
    /// batch, then completed with their story as one batch. Only an item an earlier poll claimed and did not complete is
    /// looked up in the story index, so a retried poll keeps its story.
    /// </summary>
    private async Task<Dictionary<string, NewsItem>> StoreItemsAsync(List<NewsItem> kept, CancellationToken cancellationToken)
    {
        var added = new Dictionary<string, NewsItem>(StringComparer.Ordinal);
        var unique = kept.DistinctBy(i => i.Id, StringComparer.Ordinal).ToList();
        if (unique.Count == 0)
        {
            return added;
        }

        var claims = await itemStore.ClaimManyAsync(unique, cancellationToken);
        var claimed = claims.Where(c => c.Status != ItemClaimStatus.Stored).Select(c => c.Item).ToList();
        if (claimed.Count == 0)
        {
            return added;
        }

        var unfinished = claims.Where(c => c.Status == ItemClaimStatus.Unfinished).Select(c => c.Item.Id).ToHashSet(StringComparer.Ordinal);
        var storied = await stories.AssignManyAsync(claimed, unfinished, cancellationToken);
        await itemStore.CompleteManyAsync(storied, cancellationToken);
        foreach (var item in storied)
        {
            added[item.Id] = item;
        }

        return added;
    }

    private DateTimeOffset NextPoll(DateTimeOffset now, TimeSpan? serverDelay, TimeSpan? ttl)
    {
        var delay = new[] { options.Value.MinInterval, serverDelay ?? TimeSpan.Zero, ttl ?? TimeSpan.Zero }.Max();
        return now + (delay > options.Value.MaxBackoff ? options.Value.MaxBackoff : delay);
    }

    private FeedState Success(FeedSource feed, string? etag, string? lastModified, DateTimeOffset next)
    {
        var now = clock.GetUtcNow();
        return feed.State with
        {
            ETag = etag,
            LastModified = lastModified,
            LastAttemptAt = now,
            LastSuccessAt = now,
            ConsecutiveFailures = 0,
            NextPollAt = next,
        };
    }

    private FeedPoll Failure(FeedSource feed, string kind, string message, TimeSpan? serverDelay)
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
        return new FeedPoll(feed, FeedRunStatus.Failed, state) { Error = $"{kind}: {message}" };
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
