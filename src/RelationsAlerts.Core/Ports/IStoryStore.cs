using RelationsAlerts.Core.Stories;

namespace RelationsAlerts.Core.Ports;

/// <summary>
/// Stories (reports of one event) and the LSH band index used to find a new report's candidates.
/// Candidate lookup reads one partition per band key, so its cost does not grow with the number of stored reports.
/// </summary>
public interface IStoryStore
{
    /// <summary>The story the item was filed under, or null when it has none yet.</summary>
    Task<string?> FindStoryOfAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reports filed under any of <paramref name="bandKeys"/> and published from <paramref name="from"/> up to and
    /// including <paramref name="until"/>, each once, with their story and features. At most a bounded number per key, newest first.
    /// </summary>
    Task<IReadOnlyList<StoryCandidate>> FindCandidatesAsync(
        IReadOnlyCollection<string> bandKeys, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>
    /// Files the report under its story (creating the story when it is the first report) and under its band keys.
    /// Idempotent: saving the same member again changes nothing.
    /// </summary>
    Task SaveMemberAsync(StoryMember member, CancellationToken cancellationToken = default);

    /// <summary>The story with its first report, members and outlets, or null when there is none.</summary>
    Task<Story?> GetAsync(string storyId, CancellationToken cancellationToken = default);
}
