using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Ports;

/// <summary>Subscribers. Updates are conditional on <see cref="Subscriber.ETag"/>.</summary>
public interface ISubscriberStore
{
    Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Reads many subscribers at once; ids with no record are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, Subscriber>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="ids"/> are on the suppression list.</summary>
    Task<IReadOnlySet<string>> SuppressedAmongAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="TryUpdateAsync"/> for many subscribers, in as few round trips as the store allows. The result is in the
    /// order of <paramref name="subscribers"/>: the stored record with its new ETag, or null where another writer got there first.
    /// </summary>
    Task<IReadOnlyList<Subscriber?>> TryUpdateManyAsync(IReadOnlyList<Subscriber> subscribers, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Subscriber>> ListActiveAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Subscriber>> ListByStatusAsync(SubscriberStatus status, CancellationToken cancellationToken = default);

    /// <summary>One page of subscribers (optionally of one status) and the token for the next page, null at the end.</summary>
    Task<(IReadOnlyList<Subscriber> Page, string? ContinuationToken)> ListPageAsync(
        SubscriberStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>Deletes the subscriber's record (all personal data). Returns false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Whether the address behind <paramref name="id"/> (a hash, see <see cref="SubscriberIds"/>) must never be mailed.</summary>
    Task<bool> IsSuppressedAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Records a suppression by hash only, so it survives erasure of the subscriber.</summary>
    Task SuppressAsync(string id, string reason, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the subscriber unconditionally (sign-up and admin import).</summary>
    Task UpsertAsync(Subscriber subscriber, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the subscriber only if its stored ETag still matches <see cref="Subscriber.ETag"/>.
    /// Returns the stored record with its new ETag, or null when another writer got there first.
    /// </summary>
    Task<Subscriber?> TryUpdateAsync(Subscriber subscriber, CancellationToken cancellationToken = default);
}
