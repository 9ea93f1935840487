namespace RelationsAlerts.Core.Feeds;

/// <summary>A feed's new polling state (and its new URL after a permanent redirect), to be recorded.</summary>
public sealed record FeedStateUpdate(string FeedId, FeedState State, Uri? MovedTo = null);
