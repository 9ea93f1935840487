using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Azure.Tables;

/// <summary>
/// Items in two tables: <c>items</c> (partition = first two hex digits of the id) answers "seen before?" with one
/// point write, and <c>itemsbyday</c> (partition = UTC day first seen) answers "what arrived since?" by day.
/// </summary>
public sealed class TableItemStore(TableServiceClient client) : IItemStore
{
    private const int MaxParallelReads = 32;
    private const int MaxParallelWrites = 16;
    private const int MaxBatch = 100;
    private const long MaxBatchBytes = 3L * 1024 * 1024;

    private static readonly string[] StoredColumns = [nameof(ItemEntity.Complete), nameof(ItemEntity.StoryId)];

    private readonly TableClient index = client.GetTableClient(TableNames.Items);
    private readonly TableClient timeline = client.GetTableClient(TableNames.ItemsByDay);

    /// <inheritdoc/>
    public async Task<bool> TryAddAsync(NewsItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return (await TryAddManyAsync([item], cancellationToken))[0];
    }

    /// <summary>
    /// The three steps of an add, each batched: claim the index rows (Complete = false; one entity group transaction per
    /// index partition, or a point insert for a partition with one item), write the timeline rows (one transaction per
    /// day), then mark the index rows complete (one transaction per index partition). A claim that finds the row exists
    /// reads it: complete means "not new"; incomplete is an add that died between the steps, finished here with its stored
    /// first-seen time. Every step is idempotent, so a batch that fails half-way is repaired by the next add.
    /// </summary>
    public async Task<IReadOnlyList<bool>> TryAddManyAsync(IReadOnlyList<NewsItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = new bool[items.Count];
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(items[i], nameof(items));
            first.TryAdd(items[i].Id, i);
        }

        if (first.Count == 0)
        {
            return result;
        }

        // 1. Claim: the entity to finish per item, null when the item was stored completely before.
        var claims = first.Values.Select(i => (Index: i, Entity: ItemEntity.From(items[i], IndexPartition(items[i].Id)))).ToList();
        var claimed = new ConcurrentDictionary<int, ItemEntity>();
        await ForEachAsync(Chunks(claims, c => c.Entity.PartitionKey, c => c.Entity), async (chunk, ct) =>
        {
            if (chunk.Count > 1)
            {
                try
                {
                    await index.SubmitTransactionAsync(chunk.Select(c => new TableTransactionAction(TableTransactionActionType.Add, c.Entity)), ct);
                    foreach (var (i, entity) in chunk)
                    {
                        claimed[i] = entity;
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
                if (await ClaimAsync(entity, ct) is { } toFinish)
                {
                    claimed[i] = toFinish;
                }
            }
        }, cancellationToken);

        // 2. Timeline rows, by the day each item was first seen (the stored time for an item being repaired).
        var rows = claimed.Values.Select(e => ItemEntity.From(e.ToItem(), DayPartition(e.FirstSeenAt))).ToList();
        await ForEachAsync(Chunks(rows, r => r.PartitionKey, r => r), async (chunk, ct) =>
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

        // 3. Only now is each item complete.
        var marks = claimed.Values.Select(e => new TableEntity(e.PartitionKey, e.RowKey) { [nameof(ItemEntity.Complete)] = true }).ToList();
        await ForEachAsync(Chunks(marks, m => m.PartitionKey, _ => null), async (chunk, ct) =>
        {
            if (chunk.Count == 1)
            {
                await index.UpdateEntityAsync(chunk[0], ETag.All, TableUpdateMode.Merge, ct);
            }
            else
            {
                await index.SubmitTransactionAsync(chunk.Select(m => new TableTransactionAction(TableTransactionActionType.UpdateMerge, m, ETag.All)), ct);
            }
        }, cancellationToken);

        foreach (var i in claimed.Keys)
        {
            result[i] = true;
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, string?>> FindStoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(ids.Distinct(StringComparer.Ordinal), parallel, async (id, ct) =>
        {
            var entity = await index.GetEntityIfExistsAsync<ItemEntity>(IndexPartition(id), id, StoredColumns, ct);
            if (entity.HasValue && entity.Value!.Complete)
            {
                found[id] = entity.Value.StoryId;
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

    /// <summary>Inserts the index row; when it exists, the stored row if an earlier add died before completing it, else null.</summary>
    private async Task<ItemEntity?> ClaimAsync(ItemEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await index.AddEntityAsync(entity, cancellationToken);
            return entity;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await index.GetEntityAsync<ItemEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);

            // An earlier add died between the writes: finish it with the stored first-seen time.
            return existing.Value.Complete ? null : existing.Value;
        }
    }

    internal static string IndexPartition(string id) => id.Length >= 2 ? id[..2] : id;

    internal static string DayPartition(DateTimeOffset when) => when.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
