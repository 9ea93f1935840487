using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Core.Stories;

/// <summary>
/// Files new relevant reports under stories, a batch at a time: one lookup finds the reports filed before (a retried
/// poll keeps their stories), one candidate lookup reads the stored reports near the batch (published within
/// <see cref="StorySimilarity.Window"/> and sharing an LSH band key), then the batch is clustered in memory in publication
/// order, each report seeing the stored candidates and the reports of the batch filed before it (so a batch is filed
/// exactly as one report at a time would be), and the memberships are saved together before the items are stored.
/// </summary>
public sealed partial class StoryAssigner(IStoryStore store, ILogger<StoryAssigner> logger) : IDisposable
{
    // One decision at a time in this process: two feeds carrying the same event must not both start a story. Callers
    // that arrive while a batch is being filed queue up, and the next one through the gate files every queued batch as one.
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock sync = new();
    private readonly List<Request> queue = [];

    /// <summary>The item with its <see cref="NewsItem.StoryId"/>: the story it was filed under before, else the one chosen now.</summary>
    public async Task<NewsItem> AssignAsync(NewsItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return (await AssignManyAsync([item], cancellationToken))[0];
    }

    /// <summary>
    /// The items, in the order given, each with its <see cref="NewsItem.StoryId"/>: the story it was filed under before,
    /// else the one chosen now. Items with the same id get the same story.
    /// </summary>
    public Task<IReadOnlyList<NewsItem>> AssignManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default) =>
        AssignManyAsync(items, null, cancellationToken);

    /// <summary>
    /// The items, in the order given, each with its <see cref="NewsItem.StoryId"/>: the story it was filed under before,
    /// else the one chosen now. Items with the same id get the same story.
    /// </summary>
    /// <param name="items">The reports to file.</param>
    /// <param name="possiblyFiled">
    /// The ids of the items an earlier attempt may have filed (looked up before filing); null when any may have been.
    /// A caller that knows the others are new (it has just claimed them) saves a lookup per report.
    /// </param>
    /// <param name="cancellationToken">Cancels the filing.</param>
    public async Task<IReadOnlyList<NewsItem>> AssignManyAsync(IReadOnlyList<NewsItem> items, IReadOnlySet<string>? possiblyFiled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return [];
        }

        var request = new Request(items, possiblyFiled);
        lock (sync)
        {
            queue.Add(request);
        }

        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (sync)
            {
                queue.Remove(request);
            }

            throw;
        }

        try
        {
            if (!request.Done.Task.IsCompleted)
            {
                await FileQueuedAsync(cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }

        var stories = await request.Done.Task;
        return [.. items.Select(i => i with { StoryId = stories[i.Id] })];
    }

    /// <summary>
    /// Clusters a batch in memory in publication order, as the poller would have seen it; returns item id → story id
    /// for every item (a story of one report included).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> ClusterAsync(IEnumerable<NewsItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var assigner = new StoryAssigner(new InMemoryStoryStore(), NullLogger<StoryAssigner>.Instance);
        var stories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items.OrderBy(PublishedOrSeen).ThenBy(i => i.Id, StringComparer.Ordinal))
        {
            stories[item.Id] = (await assigner.AssignAsync(item, cancellationToken)).StoryId!;
        }

        return stories;
    }

    /// <summary>Where a report appeared: its source name, else its link's host.</summary>
    public static string? OutletOf(NewsItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Source is { Length: > 0 } source ? source : item.Link?.Host;
    }

    public void Dispose() => gate.Dispose();

    private static DateTimeOffset PublishedOrSeen(NewsItem item) => item.PublishedAt ?? item.FirstSeenAt;

    /// <summary>Under the gate: files every queued request as one batch and completes them all.</summary>
    private async Task FileQueuedAsync(CancellationToken cancellationToken)
    {
        Request[] batch;
        lock (sync)
        {
            batch = [.. queue];
            queue.Clear();
        }

        try
        {
            var lookUp = batch
                .SelectMany(r => r.Items.Where(i => r.PossiblyFiled is null || r.PossiblyFiled.Contains(i.Id)))
                .Select(i => i.Id)
                .ToHashSet(StringComparer.Ordinal);
            var stories = await FileAsync([.. batch.SelectMany(r => r.Items)], lookUp, cancellationToken);
            foreach (var request in batch)
            {
                request.Done.TrySetResult(stories);
            }
        }
        catch (OperationCanceledException ex)
        {
            foreach (var request in batch)
            {
                request.Done.TrySetCanceled(ex.CancellationToken);
            }
        }
#pragma warning disable CA1031 // Every caller in the batch sees the failure; the leader rethrows it when it awaits its own request.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var request in batch)
            {
                request.Done.TrySetException(ex);
            }
        }
    }

    private async Task<Dictionary<string, string>> FileAsync(List<NewsItem> items, HashSet<string> lookUp, CancellationToken cancellationToken)
    {
        var unique = items.DistinctBy(i => i.Id, StringComparer.Ordinal).ToList();

        // Filed before (a poll that died before storing its items, or another feed of this poll): keep that story.
        var toLookUp = unique.Where(i => lookUp.Contains(i.Id)).Select(i => new StoryReportKey(i.Id, PublishedOrSeen(i))).ToList();
        var known = toLookUp.Count == 0 ? new Dictionary<string, string>() : await store.FindStoriesOfAsync(toLookUp, cancellationToken);
        var stories = new Dictionary<string, string>(known, StringComparer.Ordinal);
        var fresh = unique
            .Where(i => !known.ContainsKey(i.Id))
            .OrderBy(PublishedOrSeen)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .Select(i =>
            {
                var features = StoryFeatureExtractor.Of(i);
                return (Item: i, Features: features, Keys: LshBands.Of(features));
            })
            .ToList();
        if (fresh.Count == 0)
        {
            return stories;
        }

        var probed = fresh.Where(f => f.Keys.Count > 0).ToList();
        var found = probed.Count == 0
            ? []
            : await store.FindCandidatesAsync(
                [.. probed.Select(f => new StoryProbe(f.Keys, f.Features.Time - StorySimilarity.Window, f.Features.Time + StorySimilarity.Window))],
                cancellationToken);
        var storedCandidates = new Dictionary<string, IReadOnlyList<StoryCandidate>>(StringComparer.Ordinal);
        for (var i = 0; i < probed.Count; i++)
        {
            storedCandidates[probed[i].Item.Id] = found[i];
        }

        var batch = new BatchIndex();
        var members = new List<StoryMember>(fresh.Count);
        foreach (var (item, features, keys) in fresh)
        {
            var candidates = keys.Count == 0 ? [] : storedCandidates[item.Id].Concat(batch.Candidates(features, keys)).ToList();
            var (joined, score) = StoryClusterer.Choose(features, candidates, item.Id);
            var storyId = joined ?? StoryIds.For(item.Id);
            var member = new StoryMember(storyId, item.Id, OutletOf(item), features, keys);
            members.Add(member);
            batch.Add(member);
            stories[item.Id] = storyId;
            if (joined is null)
            {
                Log.Started(logger, storyId, item.Id, candidates.Count, score);
            }
            else
            {
                Log.Joined(logger, storyId, item.Id, candidates.Count, score);
            }
        }

        await store.SaveMembersAsync(members, cancellationToken);
        return stories;
    }

    private sealed record Request(IReadOnlyList<NewsItem> Items, IReadOnlySet<string>? PossiblyFiled)
    {
        public TaskCompletionSource<IReadOnlyDictionary<string, string>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// The reports filed earlier in this batch, by band key, read as the in-memory store reads its band lists: per key
    /// the newest rows up to the report's time, at most <see cref="InMemoryStoryStore.MaxPerBand"/>, back to its window's start.
    /// </summary>
    private sealed class BatchIndex
    {
        private readonly List<StoryMember> members = [];
        private readonly Dictionary<string, List<int>> byKey = new(StringComparer.Ordinal);

        public void Add(StoryMember member)
        {
            members.Add(member);
            foreach (var key in member.BandKeys)
            {
                (byKey.TryGetValue(key, out var rows) ? rows : byKey[key] = []).Add(members.Count - 1);
            }
        }

        public IEnumerable<StoryCandidate> Candidates(StoryFeatures report, IReadOnlyList<string> keys)
        {
            // Members are added in publication order, so each list is in time order (all at or before this report).
            var (from, until) = (report.Time - StorySimilarity.Window, report.Time + StorySimilarity.Window);
            var seen = new HashSet<int>();
            foreach (var key in keys)
            {
                if (!byKey.TryGetValue(key, out var rows))
                {
                    continue;
                }

                var end = rows.Count;
                while (end > 0 && members[rows[end - 1]].PublishedAt > until)
                {
                    end--;
                }

                for (var i = end - 1; i >= 0 && i >= end - InMemoryStoryStore.MaxPerBand && members[rows[i]].PublishedAt >= from; i--)
                {
                    if (seen.Add(rows[i]))
                    {
                        var member = members[rows[i]];
                        yield return new StoryCandidate(member.ItemId, member.StoryId, member.Features);
                    }
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 140, Level = LogLevel.Debug, Message = "Item {ItemId} joined story {StoryId} ({Candidates} candidates, score {Score:0.00})")]
        public static partial void Joined(ILogger logger, string storyId, string itemId, int candidates, double score);

        [LoggerMessage(EventId = 141, Level = LogLevel.Debug, Message = "Item {ItemId} started story {StoryId} ({Candidates} candidates, best score {Score:0.00})")]
        public static partial void Started(ILogger logger, string storyId, string itemId, int candidates, double score);
    }
}
