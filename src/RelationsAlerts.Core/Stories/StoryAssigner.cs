using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Core.Stories;

/// <summary>
/// Files each new relevant report under a story: the report's LSH band keys fetch its candidates from the store (reports
/// published within <see cref="StorySimilarity.Window"/>), <see cref="StoryClusterer"/> picks the story, and the membership
/// is saved before the item itself is stored, so a retried poll finds it and the item keeps its story.
/// </summary>
public sealed partial class StoryAssigner(IStoryStore store, ILogger<StoryAssigner> logger) : IDisposable
{
    // One decision at a time in this process: two feeds carrying the same event must not both start a story.
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The item with its <see cref="NewsItem.StoryId"/>: the story it was filed under before, else the one chosen now.</summary>
    public async Task<NewsItem> AssignAsync(NewsItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await store.FindStoryOfAsync(item.Id, cancellationToken) is { } known)
        {
            return item with { StoryId = known };
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return item with { StoryId = await FileAsync(item, cancellationToken) };
        }
        finally
        {
            gate.Release();
        }
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
        foreach (var item in items.OrderBy(i => i.PublishedAt ?? i.FirstSeenAt).ThenBy(i => i.Id, StringComparer.Ordinal))
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

    private async Task<string> FileAsync(NewsItem item, CancellationToken cancellationToken)
    {
        // Another feed in this poll may have filed the same item while we waited.
        if (await store.FindStoryOfAsync(item.Id, cancellationToken) is { } raced)
        {
            return raced;
        }

        var features = StoryFeatureExtractor.Of(item);
        var keys = LshBands.Of(features);
        var candidates = keys.Count == 0
            ? []
            : await store.FindCandidatesAsync(keys, features.Time - StorySimilarity.Window, features.Time + StorySimilarity.Window, cancellationToken);
        var (joined, score) = StoryClusterer.Choose(features, candidates, item.Id);
        var storyId = joined ?? StoryIds.For(item.Id);
        await store.SaveMemberAsync(new StoryMember(storyId, item.Id, OutletOf(item), features, keys), cancellationToken);
        if (joined is null)
        {
            Log.Started(logger, storyId, item.Id, candidates.Count, score);
        }
        else
        {
            Log.Joined(logger, storyId, item.Id, candidates.Count, score);
        }

        return storyId;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 140, Level = LogLevel.Debug, Message = "Item {ItemId} joined story {StoryId} ({Candidates} candidates, score {Score:0.00})")]
        public static partial void Joined(ILogger logger, string storyId, string itemId, int candidates, double score);

        [LoggerMessage(EventId = 141, Level = LogLevel.Debug, Message = "Item {ItemId} started story {StoryId} ({Candidates} candidates, best score {Score:0.00})")]
        public static partial void Started(ILogger logger, string storyId, string itemId, int candidates, double score);
    }
}
