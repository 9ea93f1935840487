using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Azure.Tables;

/// <summary>Subscribers in the <c>subscribers</c> table; conditional updates use the entity ETag.</summary>
public sealed class TableSubscriberStore(TableServiceClient client) : ISubscriberStore
{
    private const string SuppressionPartition = "suppressed";

    /// <summary>Entity group transactions hold at most 100 operations.</summary>
    private const int MaxTransactionSize = 100;

    /// <summary>Up to this many ids, <see cref="SuppressedAmongAsync"/> reads each one; above it, one range query.</summary>
    private const int PointReadLimit = 20;

    /// <summary>Concurrent point reads when reading many subscribers.</summary>
    private const int ReadParallelism = 16;

    private readonly TableClient table = client.GetTableClient(TableNames.Subscribers);

    /// <inheritdoc/>
    public async Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await table.GetEntityIfExistsAsync<SubscriberEntity>(SubscriberEntity.Partition, id, cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value!.ToSubscriber() : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, Subscriber>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var found = new ConcurrentDictionary<string, Subscriber>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(ids.Distinct(StringComparer.Ordinal), Parallelism(cancellationToken), async (id, ct) =>
        {
            if (await GetAsync(id, ct) is { } subscriber)
            {
                found[id] = subscriber;
            }
        });
        return found;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A few ids are point reads. For many (a group job) one range query over the suppression partition between the
    /// smallest and largest id, keys only, is far cheaper than a read per id: it returns at most the suppression list,
    /// which is small next to the subscriber list.
    /// </remarks>
    public async Task<IReadOnlySet<string>> SuppressedAmongAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var found = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        if (wanted.Count <= PointReadLimit)
        {
            await Parallel.ForEachAsync(wanted, Parallelism(cancellationToken), async (id, ct) =>
            {
                if (await IsSuppressedAsync(id, ct))
                {
                    found[id] = true;
                }
            });
            return found.Keys.ToHashSet(StringComparer.Ordinal);
        }

        var (first, last) = (wanted.Min(StringComparer.Ordinal)!, wanted.Max(StringComparer.Ordinal)!);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SuppressionPartition} and RowKey ge {first} and RowKey le {last}");
        var suppressed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (wanted.Contains(entity.RowKey))
            {
                suppressed.Add(entity.RowKey);
            }
        }

        return suppressed;
    }

    /// <summary>Creates or replaces many subscribers unconditionally, 100 per transaction (bulk import, benchmarks).</summary>
    public async Task ImportAsync(IEnumerable<Subscriber> subscribers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        await Parallel.ForEachAsync(subscribers.Chunk(MaxTransactionSize), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (chunk, ct) =>
            await table.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, SubscriberEntity.From(s))), ct));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Subscriber?>> TryUpdateManyAsync(IReadOnlyList<Subscriber> subscribers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        var results = new Subscriber?[subscribers.Count];
        var chunks = Enumerable.Range(0, subscribers.Count).Chunk(MaxTransactionSize);
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            var updated = await TryUpdateTogetherAsync([.. chunk.Select(i => subscribers[i])], ct);
            for (var i = 0; i < chunk.Length; i++)
            {
                results[chunk[i]] = updated[i];
            }
        });
        return results;
    }

    /// <summary>
    /// One entity group transaction (all subscribers share a partition): all replaced or none. When any ETag is stale the
    /// transaction fails as a whole, and each subscriber is tried alone so only the stale ones come back null.
    /// </summary>
    private async Task<Subscriber?[]> TryUpdateTogetherAsync(Subscriber[] batch, CancellationToken cancellationToken)
    {
        var entities = batch.Select(s => SubscriberEntity.From(s with { ETag = s.ETag ?? throw new ArgumentException("A conditional update needs the ETag the record was read with.", nameof(batch)) })).ToList();
        try
        {
            var response = await table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateReplace, e, e.ETag)), cancellationToken);
            return [.. batch.Select((s, i) => (Subscriber?)(s with { ETag = response.Value[i].Headers.ETag?.ToString() }))];
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
        {
            var results = new Subscriber?[batch.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Length), Parallelism(cancellationToken), async (i, ct) => results[i] = await TryUpdateAsync(batch[i], ct));
            return results;
        }
    }

    private static ParallelOptions Parallelism(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken };

    /// <inheritdoc/>
    public Task<IReadOnlyList<Subscriber>> ListActiveAsync(CancellationToken cancellationToken = default) =>
        ListByStatusAsync(SubscriberStatus.Active, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Subscriber>> ListByStatusAsync(SubscriberStatus status, CancellationToken cancellationToken = default)
    {
        var name = status.ToString();
        var result = new List<Subscriber>();
        await foreach (var entity in table.QueryAsync<SubscriberEntity>(e => e.PartitionKey == SubscriberEntity.Partition && e.Status == name, cancellationToken: cancellationToken))
        {
            result.Add(entity.ToSubscriber());
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<Subscriber> Page, string? ContinuationToken)> ListPageAsync(
        SubscriberStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var name = status?.ToString();
        var query = name is null
            ? table.QueryAsync<SubscriberEntity>(e => e.PartitionKey == SubscriberEntity.Partition, maxPerPage: pageSize, cancellationToken: cancellationToken)
            : table.QueryAsync<SubscriberEntity>(e => e.PartitionKey == SubscriberEntity.Partition && e.Status == name, maxPerPage: pageSize, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(continuationToken, pageSize))
        {
            return ([.. page.Values.Select(e => e.ToSubscriber())], page.ContinuationToken);
        }

        return ([], null);
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await table.DeleteEntityAsync(SubscriberEntity.Partition, id, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    /// <inheritdoc/>
    public async Task<bool> IsSuppressedAsync(string id, CancellationToken cancellationToken = default) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(SuppressionPartition, id, ["RowKey"], cancellationToken)).HasValue;

    /// <inheritdoc/>
    public Task SuppressAsync(string id, string reason, CancellationToken cancellationToken = default) =>
        table.UpsertEntityAsync(new TableEntity(SuppressionPartition, id) { ["Reason"] = reason }, TableUpdateMode.Replace, cancellationToken);

    /// <inheritdoc/>
    public Task UpsertAsync(Subscriber subscriber, CancellationToken cancellationToken = default) =>
        table.UpsertEntityAsync(SubscriberEntity.From(subscriber), TableUpdateMode.Replace, cancellationToken);

    /// <inheritdoc/>
    public async Task<Subscriber?> TryUpdateAsync(Subscriber subscriber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var entity = SubscriberEntity.From(subscriber);
        try
        {
            _ = subscriber.ETag ?? throw new ArgumentException("A conditional update needs the ETag the record was read with.", nameof(subscriber));
            var response = await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            return subscriber with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }
}
