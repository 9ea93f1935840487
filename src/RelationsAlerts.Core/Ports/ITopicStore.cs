using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Ports;

/// <summary>The sector taxonomy. Topics read from the store carry their <see cref="Topic.ETag"/>; updates are conditional on it.</summary>
public interface ITopicStore
{
    Task<IReadOnlyList<Topic>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes each topic that does not exist yet; existing (possibly admin-edited) topics are kept.</summary>
    Task SeedAsync(IEnumerable<Topic> topics, CancellationToken cancellationToken = default);

    /// <summary>The topic with this id, or null when there is none.</summary>
    Task<Topic?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Adds the topic. Returns it with its ETag, or null when a topic with its id exists.</summary>
    Task<Topic?> TryAddAsync(Topic topic, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the topic only if its stored ETag still matches <see cref="Topic.ETag"/>.
    /// Returns the stored topic with its new ETag, or null when it changed or was deleted since it was read.
    /// </summary>
    Task<Topic?> TryUpdateAsync(Topic topic, CancellationToken cancellationToken = default);

    /// <summary>Deletes the topic. Returns false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
