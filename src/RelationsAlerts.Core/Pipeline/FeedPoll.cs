using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Items;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>
/// One feed fetched and read, nothing written yet: its relevant items and the polling state to record once they are
/// stored (<see cref="FeedRefresher.StoreAsync"/>).
/// </summary>
public sealed record FeedPoll(FeedSource Feed, FeedRunStatus Status, FeedState State)
{
    /// <summary>Entries the document held (fetched feeds only).</summary>
    public int Entries { get; init; }

    /// <summary>The relevant entries as items, in document order.</summary>
    public IReadOnlyList<NewsItem> Kept { get; init; } = [];

    /// <summary>The kept items the feed did not carry when it was last read: the only ones storage is asked about.</summary>
    public IReadOnlyList<NewsItem> Unseen { get; init; } = [];

    /// <summary>The feed's new URL after a permanent redirect.</summary>
    public Uri? MovedTo { get; init; }

    /// <summary>"{kind}: {message}" for a failed poll.</summary>
    public string? Error { get; init; }
}
