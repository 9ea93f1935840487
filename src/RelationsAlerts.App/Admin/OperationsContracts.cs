using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Admin;

/// <summary>The totals of one PollFeeds run, with each polled feed.</summary>
public sealed record PollResponse(
    DateTimeOffset Until,
    int FeedsPolled,
    int FeedsFailed,
    int ItemsKept,
    int ItemsNew,
    int ItemsDropped,
    int DigestsQueued,
    IReadOnlyList<FeedPollResponse> Feeds)
{
    public static PollResponse From(PollSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(
            summary.Until, summary.FeedsPolled, summary.FeedsFailed, summary.ItemsKept, summary.ItemsNew, summary.ItemsDropped,
            summary.DigestsQueued, [.. summary.Feeds.Select(FeedPollResponse.From)]);
    }
}

/// <summary>Items stored per UTC day and sector, and how the feeds are doing.</summary>
public sealed record StatsResponse(DateOnly From, DateOnly To, IReadOnlyList<DayStats> Days, FeedHealthCounts Feeds);

/// <summary>Items first seen on one UTC day; an item with several sectors counts once in each, and once in <see cref="Items"/>.</summary>
public sealed record DayStats(DateOnly Date, int Items, IReadOnlyDictionary<string, int> Sectors);

public sealed record FeedHealthCounts(int Total, int Ok, int Failing, int Paused);
