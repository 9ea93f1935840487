using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Core.Stories;

/// <summary>One-report forms of the batch <see cref="IStoryStore"/> methods.</summary>
public static class StoryStoreExtensions
{
    /// <summary>The story the report (filed at <paramref name="filedAt"/>) was filed under, or null when it has none yet.</summary>
    public static async Task<string?> FindStoryOfAsync(this IStoryStore store, string itemId, DateTimeOffset filedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (await store.FindStoriesOfAsync([new StoryReportKey(itemId, filedAt)], cancellationToken)).GetValueOrDefault(itemId);
    }

    /// <summary>Reports under any of <paramref name="bandKeys"/> published in [<paramref name="from"/>, <paramref name="until"/>].</summary>
    public static async Task<IReadOnlyList<StoryCandidate>> FindCandidatesAsync(
        this IStoryStore store, IReadOnlyCollection<string> bandKeys, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (await store.FindCandidatesAsync([new StoryProbe(bandKeys, from, until)], cancellationToken))[0];
    }

    /// <summary>Files one report under its story.</summary>
    public static Task SaveMemberAsync(this IStoryStore store, StoryMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.SaveMembersAsync([member], cancellationToken);
    }
}
