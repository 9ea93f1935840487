namespace RelationsAlerts.Azure.Tables;

/// <summary>Table names; infra/modules/storage.bicep creates the same set.</summary>
public static class TableNames
{
    public const string Items = "items";
    public const string ItemsByDay = "itemsbyday";
    public const string Feeds = "feeds";
    public const string Topics = "topics";
    public const string Subscribers = "subscribers";
    public const string Stories = "stories";
    public const string StoryBands = "storybands";

    public static IReadOnlyList<string> All { get; } = [Items, ItemsByDay, Feeds, Topics, Subscribers, Stories, StoryBands];
}
