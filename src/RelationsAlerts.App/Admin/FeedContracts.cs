using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Admin;

/// <summary>A feed as admins add or edit it. On update, fields left out keep their value.</summary>
public sealed record FeedRequest(string? Url, string? Name, string? Type);

/// <summary>A feed with its health: when it last worked, what went wrong since, and when it is polled next.</summary>
public sealed record FeedResponse(
    string Id,
    string Url,
    string Name,
    string Type,
    bool Paused,
    string Status,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastAttemptAt,
    string? LastErrorKind,
    string? LastErrorMessage,
    int ConsecutiveFailures,
    DateTimeOffset? NextPollAt)
{
    public static FeedResponse From(FeedSource feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var state = feed.State;
        return new(
            feed.Id, feed.Url.AbsoluteUri, feed.Name, FeedTypes.Name(feed.Type), feed.Paused, FeedTypes.Health(feed),
            state.LastSuccessAt, state.LastAttemptAt, state.LastErrorKind, state.LastErrorMessage, state.ConsecutiveFailures, state.NextPollAt);
    }
}

/// <summary>What one poll of one feed found.</summary>
public sealed record FeedPollResponse(string FeedId, string Name, string Status, int Entries, int Kept, int Dropped, int New, string? Error)
{
    public static FeedPollResponse From(FeedRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var status = result.Status switch
        {
            FeedRunStatus.Fetched => "fetched",
            FeedRunStatus.NotModified => "not-modified",
            _ => "failed",
        };
        return new(result.FeedId, result.FeedName, status, result.ItemsSeen, result.ItemsKept, result.ItemsDropped, result.ItemsNew, result.Error);
    }
}

/// <summary>The API spelling of <see cref="FeedType"/> and of a feed's health.</summary>
public static class FeedTypes
{
    public const string Ok = "ok";
    public const string Failing = "failing";
    public const string Paused = "paused";

    private static readonly Dictionary<string, FeedType> ByName = new(StringComparer.Ordinal)
    {
        ["rss"] = FeedType.Rss,
        ["atom"] = FeedType.Atom,
        ["google-news"] = FeedType.GoogleNews,
        ["gdelt"] = FeedType.Gdelt,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out FeedType type) => ByName.TryGetValue(name ?? "", out type);

    public static string Name(FeedType type) => ByName.First(p => p.Value == type).Key;

    public static string Health(FeedSource feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        return feed.Paused ? Paused : feed.State.ConsecutiveFailures > 0 ? Failing : Ok;
    }
}
