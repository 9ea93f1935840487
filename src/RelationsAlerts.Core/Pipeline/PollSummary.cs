namespace RelationsAlerts.Core.Pipeline;

/// <summary>Totals of one PollFeeds run.</summary>
public sealed record PollSummary(IReadOnlyList<FeedRunResult> Feeds, int DigestsQueued, DateTimeOffset Until)
{
    public int FeedsPolled => Feeds.Count;

    public int FeedsFailed => Feeds.Count(f => f.Status == FeedRunStatus.Failed);

    public int ItemsKept => Feeds.Sum(f => f.ItemsKept);

    public int ItemsDropped => Feeds.Sum(f => f.ItemsDropped);

    public int ItemsNew => Feeds.Sum(f => f.ItemsNew);

    public override string ToString() =>
        $"feeds: {FeedsPolled} ({FeedsFailed} failed), items kept: {ItemsKept} ({ItemsNew} new), items dropped: {ItemsDropped}, digests queued: {DigestsQueued}";
}
