using RelationsAlerts.Core.Stories;

namespace RelationsAlerts.Core.Ports;

/// <summary>
/// Stories (reports of one event) and the index used to find a new report's candidates. Every method takes a batch (a
/// poll files a feed's new reports together), and candidate lookup reads a bounded number of rows per batch, so its
/// cost does not grow with the number of stored reports.
/// </summary>
public interface IStoryStore
{
    /// <summary>
    /// The story each of <paramref name="reports"/> was filed under, by item id; reports with no story yet are absent. A
    /// report counts as filed only once <see cref="SaveMembersAsync"/> wrote all of it.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> FindStoriesOfAsync(IReadOnlyCollection<StoryReportKey> reports, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each probe (in order), the stored reports that share one of its band keys and were published from its
    /// <see cref="StoryProbe.From"/> up to and including its <see cref="StoryProbe.Until"/>, each once, with their story
    /// and features. At most a bounded number per key, newest first.
    /// </summary>
    Task<IReadOnlyList<IReadOnlyList<StoryCandidate>>> FindCandidatesAsync(IReadOnlyList<StoryProbe> probes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Files each report under its story (creating the story when it is the first report) and in the candidate index.
    /// Idempotent: saving the same member again changes nothing.
    /// </summary>
    Task SaveMembersAsync(IReadOnlyCollection<StoryMember> members, CancellationToken cancellationToken = default);

    /// <summary>The story with its first report, members and outlets, or null when there is none.</summary>
    Task<Story?> GetAsync(string storyId, CancellationToken cancellationToken = default);
}
