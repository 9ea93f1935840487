namespace RelationsAlerts.Core.Feeds;

/// <summary>A feed we poll, with the state that decides when and how we poll it next.</summary>
/// <param name="Id">Stable identifier (a slug or a hash of the first URL).</param>
/// <param name="Url">The URL we fetch; updated on permanent redirects.</param>
/// <param name="Name">Display name.</param>
/// <param name="State">Polling state (validators, failures, next poll time).</param>
public sealed record FeedSource(string Id, Uri Url, string Name, FeedState State)
{
    /// <summary>The kind of source, as registered.</summary>
    public FeedType Type { get; init; } = FeedType.Rss;

    /// <summary>An admin paused the feed: scheduled polls skip it until it is resumed.</summary>
    public bool Paused { get; init; }

    /// <summary>Whether the feed should be polled at <paramref name="now"/>.</summary>
    public bool IsDue(DateTimeOffset now) => !Paused && (State.NextPollAt is null || State.NextPollAt <= now);
}
