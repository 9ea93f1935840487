using RelationsAlerts.Core.Feeds;

namespace RelationsAlerts.Core.Ports;

/// <summary>Feeds and their polling state.</summary>
public interface IFeedStore
{
    Task<IReadOnlyList<FeedSource>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds the feed if its id is unknown; an existing feed keeps its state.</summary>
    Task EnsureAsync(FeedSource feed, CancellationToken cancellationToken = default);

    /// <summary>Writes the feed's URL, name and state.</summary>
    Task SaveAsync(FeedSource feed, CancellationToken cancellationToken = default);
}
