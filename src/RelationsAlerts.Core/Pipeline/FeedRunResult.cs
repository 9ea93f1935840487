namespace RelationsAlerts.Core.Pipeline;

/// <summary>What polling one feed produced.</summary>
public sealed record FeedRunResult(string FeedId, FeedRunStatus Status, int ItemsSeen, int ItemsKept, int ItemsDropped, int ItemsNew, string? Error)
{
    /// <summary>Sectors of the items this run stored for the first time; digest jobs go to their subscribers.</summary>
    public IReadOnlyCollection<string> NewSectors { get; init; } = [];

    /// <summary>The feed's display name, for progress output.</summary>
    public string FeedName { get; init; } = FeedId;
}

public enum FeedRunStatus
{
    Fetched,
    NotModified,
    Failed,
}
