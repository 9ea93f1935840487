namespace RelationsAlerts.Core.Stories;

/// <summary>One event and its reports: the report that started it, every member (earliest first) and their outlets.</summary>
public sealed record Story(string Id, string FirstItemId, IReadOnlyList<string> MemberIds, IReadOnlyList<string> Outlets);

/// <summary>A report filed under a story, with what the candidate index needs to find and score it later.</summary>
public sealed record StoryMember(string StoryId, string ItemId, string? Outlet, StoryFeatures Features, IReadOnlyList<string> BandKeys)
{
    public DateTimeOffset PublishedAt => Features.Time;
}

/// <summary>
/// A report as the story index knows it: its item and the time it is filed at (<see cref="StoryFeatures.Time"/>: when it
/// was published, else first seen).
/// </summary>
public sealed record StoryReportKey(string ItemId, DateTimeOffset FiledAt);

/// <summary>A stored report that shares a band key with a new one.</summary>
public sealed record StoryCandidate(string ItemId, string StoryId, StoryFeatures Features);

/// <summary>What one new report looks for: stored reports sharing one of its band keys, published in [From, Until].</summary>
public sealed record StoryProbe(IReadOnlyCollection<string> BandKeys, DateTimeOffset From, DateTimeOffset Until);
