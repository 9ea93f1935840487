using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Ports;

/// <summary>The sector taxonomy.</summary>
public interface ITopicStore
{
    Task<IReadOnlyList<Topic>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes each topic that does not exist yet; existing (possibly admin-edited) topics are kept.</summary>
    Task SeedAsync(IEnumerable<Topic> topics, CancellationToken cancellationToken = default);
}
