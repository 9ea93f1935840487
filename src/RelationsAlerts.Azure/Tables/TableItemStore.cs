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

    private static readonly string[] StoredColumns = [nameof(ItemEntity.Complete), nameof(ItemEntity.StoryId)];

    private readonly TableClient index = client.GetTableClient(TableNames.Items);
    private readonly TableClient timeline = client.GetTableClient(TableNames.ItemsByDay);

    /// <inheritdoc/>
    public async Task<bool> TryAddAsync(NewsItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var entity = ItemEntity.From(item, IndexPartition(item.Id));
        try
        {
            await index.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await index.GetEntityAsync<ItemEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            if (existing.Value.Complete)
            {
                return false;
            }

            // An earlier add died between the two writes: finish it with the stored first-seen time.
            entity = existing.Value;
        }

        var row = ItemEntity.From(entity.ToItem(), DayPartition(entity.FirstSeenAt));
        await timeline.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        entity.Complete = true;
        await index.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
        return true;
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

    internal static string IndexPartition(string id) => id.Length >= 2 ? id[..2] : id;

    internal static string DayPartition(DateTimeOffset when) => when.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
