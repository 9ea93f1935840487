using RelationsAlerts.Core.Feeds;

namespace RelationsAlerts.Core.Ports;

/// <summary>Feeds and their polling state.</summary>
public interface IFeedStore
{
    Task<IReadOnlyList<FeedSource>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The feed with this id, or null when there is none.</summary>
    Task<FeedSource?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Adds the feed if its id is unknown; an existing feed keeps its state.</summary>
    Task EnsureAsync(FeedSource feed, CancellationToken cancellationToken = default);

    /// <summary>Adds the feed. Returns false, and changes nothing, when a feed with its id exists.</summary>
    Task<bool> TryAddAsync(FeedSource feed, CancellationToken cancellationToken = default);

    /// <summary>Writes the feed's URL, name and state.</summary>
    Task SaveAsync(FeedSource feed, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes only the polling state (and the URL when <paramref name="movedTo"/> is set, after a permanent redirect), so
    /// an admin's pause, rename or type change made while the feed was being polled is kept. A feed deleted meanwhile
    /// stays deleted.
    /// </summary>
    Task SaveStateAsync(string feedId, FeedState state, Uri? movedTo = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records several feeds' polling states, each as <see cref="SaveStateAsync"/> would (a store may batch the writes).
    /// </summary>
    async Task SaveStatesAsync(IReadOnlyList<FeedStateUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        foreach (var update in updates)
        {
            await SaveStateAsync(update.FeedId, update.State, update.MovedTo, cancellationToken);
        }
    }

    /// <summary>Adds each feed whose id is unknown, as <see cref="EnsureAsync"/> would one at a time (a store may batch the writes).</summary>
    async Task EnsureManyAsync(IReadOnlyList<FeedSource> feeds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        foreach (var feed in feeds)
        {
            await EnsureAsync(feed, cancellationToken);
        }
    }

    /// <summary>Deletes the feed. Returns false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
