using RelationsAlerts.Core.Items;

namespace RelationsAlerts.Core.Ports;

/// <summary>Stores relevant items; adding is idempotent by <see cref="NewsItem.Id"/>.</summary>
public interface IItemStore
{
    /// <summary>Adds the item unless one with the same id exists. Returns true when it was new.</summary>
    Task<bool> TryAddAsync(NewsItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Which of <paramref name="ids"/> are stored (completely: a half-written item is absent, so adding it again repairs
    /// it), each with its <see cref="NewsItem.StoryId"/> (null for items stored before stories existed).
    /// </summary>
    Task<IReadOnlyDictionary<string, string?>> FindStoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Items first seen after <paramref name="from"/> and up to and including <paramref name="until"/>, newest first.</summary>
    Task<IReadOnlyList<NewsItem>> ListSeenBetweenAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);
}
