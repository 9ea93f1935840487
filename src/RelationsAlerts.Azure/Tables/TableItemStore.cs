using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Azure.Tables;

/// <summary>
/// Items in two tables: <c>items</c> (partition = first two hex digits of the id) answers "seen before?" with one
/// point write, and <c>itemsbyday</c> (partition = UTC day first seen) answers "what arrived since?" by day. An item is
/// stored once both rows exist: its index row is written first (the claim), its timeline row last. Index rows written
/// by earlier versions also carry <c>Complete = true</c>, which says the same.
/// </summary>
public sealed class TableItemStore(TableServiceClient client) : IItemStore
{
    private const int MaxParallelReads = 32;
    private const int MaxParallelWrites = 16;
    private const int MaxBatch = 100;
    private const long MaxBatchBytes = 3L * 1024 * 1024;

    private readonly TableClient index = client.GetTableClient(TableNames.Items);
    private readonly TableClient timeline = client.GetTableClient(TableNames.ItemsByDay);

    /// <inheritdoc/>
    public async Task<bool> TryAddAsync(NewsItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return (await TryAddManyAsync([item], cancellationToken))[0];
    }

    /// <summary>
    /// An add is two steps, each batched: claim the index rows (<see cref="ClaimManyAsync"/>), then write the timeline
    /// rows (<see cref="CompleteManyAsync"/>). Both are idempotent, so a batch that fails half-way is repaired by the
    /// next add.
    /// </summary>
    public async Task<IReadOnlyList<bool>> TryAddManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default)
    {
        var claims = await ClaimManyAsync(items, cancellationToken);
        await CompleteManyAsync([.. claims.Where(c => c.Status != ItemClaimStatus.Stored).Select(c => c.Item)], cancellationToken);
        return [.. claims.Select(c => c.Status != ItemClaimStatus.Stored)];
    }

    /// <summary>
    /// Inserts each item's index row: one entity group transaction per index partition, or a point insert for a partition
    /// with one item. A claim that finds the row exists reads it, and its timeline row unless it is marked complete: with
    /// one the item is stored; without, an add died between the steps, to be finished with the stored row.
    /// </summary>
    public async Task<IReadOnlyList<ItemClaim>> ClaimManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = new ItemClaim[items.Count];
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(items[i], nameof(items));
            result[i] = new ItemClaim(ItemClaimStatus.Stored, items[i]); // a repeated id is new at most once
            first.TryAdd(items[i].Id, i);
        }

        var claims = first.Values.Select(i => (Index: i, Entity: ItemEntity.From(items[i], IndexPartition(items[i].Id)))).ToList();
        await ForEachAsync(Chunks(claims, c => c.Entity.PartitionKey, c => c.Entity), async (chunk, ct) =>
        {
            if (chunk.Count > 1)
            {
                try
                {
                    await index.SubmitTransactionAsync(chunk.Select(c => new TableTransactionAction(TableTransactionActionType.Add, c.Entity)), ct);
                    foreach (var (i, _) in chunk)
                    {
                        result[i] = new ItemClaim(ItemClaimStatus.New, items[i]);
                    }

                    return;
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    // One of them exists (the transaction wrote nothing): claim them one at a time.
                }
            }

            foreach (var (i, entity) in chunk)
            {
                result[i] = await ClaimAsync(items[i], entity, ct);
            }
        }, cancellationToken);
        return result;
    }

    /// <summary>
    /// Writes the timeline rows (each item with its story), by the day each item was first seen: one transaction per day.
    /// Only then is an item stored.
    /// </summary>
    public Task CompleteManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rows = items.DistinctBy(i => i.Id, StringComparer.Ordinal).Select(i => ItemEntity.From(i, DayPartition(i.FirstSeenAt))).ToList();
        return ForEachAsync(Chunks(rows, r => r.PartitionKey, r => r), async (chunk, ct) =>
        {
            if (chunk.Count == 1)
            {
                await timeline.UpsertEntityAsync(chunk[0], TableUpdateMode.Replace, ct);
            }
            else
            {
                await timeline.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
            }
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, string?>> FindStoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(ids.Distinct(StringComparer.Ordinal), parallel, async (id, ct) =>
        {
            // The whole row: a $select drops the emulator's type annotations, and FirstSeenAt must read as a time.
            var entity = await index.GetEntityIfExistsAsync<ItemEntity>(IndexPartition(id), id, cancellationToken: ct);
            if (entity.HasValue && await StoredAsync(entity.Value!, ct) is { } stored)
            {
                found[id] = stored.StoryId;
            }
        });
        return new Dictionary<string, string?>(found, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<NewsItem>> ListSeenBetweenAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var result = new List<NewsItem>();
        for (var day = from.UtcDateTime.Date; day <= until.UtcDateTime.Date; day = day.AddDays(1))
        {
            var partition = DayPartition(day);
            var query = timeline.QueryAsync<ItemEntity>(
                e => e.PartitionKey == partition && e.FirstSeenAt > from && e.FirstSeenAt <= until,
                cancellationToken: cancellationToken);
            await foreach (var entity in query)
            {
                result.Add(entity.ToItem());
            }
        }

        return [.. result.OrderByDescending(i => i.FirstSeenAt).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Rows grouped by partition, each group cut into entity group transactions: at most 100 rows and, by a generous
    /// estimate of their size, well under the 4 MiB a transaction may carry.
    /// </summary>
    private static IEnumerable<List<T>> Chunks<T>(IEnumerable<T> rows, Func<T, string> partition, Func<T, ItemEntity?> entity)
    {
        foreach (var group in rows.GroupBy(partition, StringComparer.Ordinal))
        {
            var chunk = new List<T>();
            long size = 0;
            foreach (var row in group)
            {
                var rowSize = entity(row) is { } e ? EstimatedSize(e) : 1_024;
                if (chunk.Count > 0 && (chunk.Count == MaxBatch || size + rowSize > MaxBatchBytes))
                {
                    yield return chunk;
                    chunk = [];
                    size = 0;
                }

                chunk.Add(row);
                size += rowSize;
            }

            yield return chunk;
        }
    }

    /// <summary>Bytes on the wire at most: every character escaped as \uXXXX, plus the fixed properties.</summary>
    private static long EstimatedSize(ItemEntity e) =>
        2_048 + (6L * (e.FeedId.Length + e.Title.Length + (e.Link?.Length ?? 0) + e.Summary.Length + (e.Source?.Length ?? 0)
            + e.Sectors.Length + e.Reasons.Length + (e.StoryId?.Length ?? 0) + e.RowKey.Length + e.PartitionKey.Length));

    private static Task ForEachAsync<T>(IEnumerable<T> source, Func<T, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(source, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelWrites, CancellationToken = cancellationToken }, body);

    /// <summary>Inserts the index row; when it exists, reads it: complete means stored, incomplete an add that died before completing it.</summary>
    private async Task<ItemClaim> ClaimAsync(NewsItem item, ItemEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await index.AddEntityAsync(entity, cancellationToken);
            return new ItemClaim(ItemClaimStatus.New, item);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await index.GetEntityAsync<ItemEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            return await StoredAsync(existing.Value, cancellationToken) is not null
                ? new ItemClaim(ItemClaimStatus.Stored, item)
                : new ItemClaim(ItemClaimStatus.Unfinished, existing.Value.ToItem());
        }
    }

    /// <summary>The stored item's index or timeline row (which carries its story), or null when its add did not finish.</summary>
    private async Task<ItemEntity?> StoredAsync(ItemEntity indexRow, CancellationToken cancellationToken)
    {
        if (indexRow.Complete)
        {
            return indexRow;
        }

        var row = await timeline.GetEntityIfExistsAsync<ItemEntity>(DayPartition(indexRow.FirstSeenAt), indexRow.RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    internal static string IndexPartition(string id) => id.Length >= 2 ? id[..2] : id;

    internal static string DayPartition(DateTimeOffset when) => when.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
