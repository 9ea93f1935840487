namespace RelationsAlerts.Core.Feeds;

/// <summary>What kind of source a feed is, as the admin registered it (the parser still detects the format itself).</summary>
public enum FeedType
{
    Rss,
    Atom,
    GoogleNews,
    Gdelt,
}
