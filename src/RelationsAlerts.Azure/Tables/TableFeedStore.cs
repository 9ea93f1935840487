using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Azure.Tables;

/// <summary>Feeds and their polling state in one partition of the <c>feeds</c> table (hundreds of rows at most).</summary>
public sealed class TableFeedStore(TableServiceClient client) : IFeedStore
{
    private const int MaxBatch = 100;

    private readonly TableClient table = client.GetTableClient(TableNames.Feeds);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FeedSource>> ListAsync(CancellationToken cancellationToken = default)
    {
        var feeds = new List<FeedSource>();
        await foreach (var entity in table.QueryAsync<FeedEntity>(e => e.PartitionKey == FeedEntity.Partition, cancellationToken: cancellationToken))
        {
            feeds.Add(entity.ToFeed());
        }

        return feeds;
    }

    /// <inheritdoc/>
    public async Task<FeedSource?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await table.GetEntityIfExistsAsync<FeedEntity>(FeedEntity.Partition, id, cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value!.ToFeed() : null;
    }

    /// <inheritdoc/>
    public async Task EnsureAsync(FeedSource feed, CancellationToken cancellationToken = default) =>
        _ = await TryAddAsync(feed, cancellationToken); // A known feed keeps its state.

    /// <inheritdoc/>
    public async Task<bool> TryAddAsync(FeedSource feed, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.AddEntityAsync(FeedEntity.From(feed), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public Task SaveAsync(FeedSource feed, CancellationToken cancellationToken = default) =>
        table.UpsertEntityAsync(FeedEntity.From(feed), TableUpdateMode.Replace, cancellationToken);

    /// <inheritdoc/>
    public async Task SaveStateAsync(string feedId, FeedState state, Uri? movedTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        // Read, overlay the state, write back conditionally: the admin's columns stay as they are now, and cleared values
        // (a server that stopped sending an ETag) are really cleared, which a merge of nulls would not do.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<FeedEntity>(FeedEntity.Partition, feedId, cancellationToken: cancellationToken);
            if (!current.HasValue)
            {
                return; // deleted while it was being polled: keep it deleted
            }

            var row = current.Value!.WithState(state, movedTo);
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // An admin edit (or a delete) landed between our read and write: read again.
            }
        }

        throw new InvalidOperationException($"feed {feedId}: could not save its polling state after 5 attempts");
    }

    /// <summary>
    /// Merges only the state columns, up to 100 feeds per entity group transaction (all feeds share one partition), so an
    /// admin's edit made meanwhile is kept without a read. A transaction that fails (one of its feeds was deleted
    /// meanwhile, and must stay deleted) is retried one merge at a time; a feed with a new URL takes <see cref="SaveStateAsync"/>.
    /// </summary>
    public async Task SaveStatesAsync(IReadOnlyList<FeedStateUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var merged = updates.Where(u => u.MovedTo is null).ToList();
        foreach (var update in updates.Where(u => u.MovedTo is not null))
        {
            await SaveStateAsync(update.FeedId, update.State, update.MovedTo, cancellationToken);
        }

        foreach (var chunk in merged.Chunk(MaxBatch))
        {
            if (chunk.Length > 1)
            {
                try
                {
                    await table.SubmitTransactionAsync(
                        chunk.Select(u => new TableTransactionAction(TableTransactionActionType.UpdateMerge, FeedEntity.StateColumns(u.FeedId, u.State), ETag.All)),
                        cancellationToken);
                    continue;
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    // A feed of the chunk was deleted meanwhile (the transaction wrote nothing): one at a time.
                }
            }

            foreach (var update in chunk)
            {
                try
                {
                    await table.UpdateEntityAsync(FeedEntity.StateColumns(update.FeedId, update.State), ETag.All, TableUpdateMode.Merge, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    // Deleted while it was being polled: keep it deleted.
                }
            }
        }
    }

    /// <summary>Inserts the feeds up to 100 per entity group transaction; when one exists already, one at a time (known feeds keep their state).</summary>
    public async Task EnsureManyAsync(IReadOnlyList<FeedSource> feeds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        foreach (var chunk in feeds.DistinctBy(f => f.Id, StringComparer.Ordinal).Chunk(MaxBatch))
        {
            if (chunk.Length > 1)
            {
                try
                {
                    await table.SubmitTransactionAsync(chunk.Select(f => new TableTransactionAction(TableTransactionActionType.Add, FeedEntity.From(f))), cancellationToken);
                    continue;
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    // One of them exists (the transaction wrote nothing).
                }
            }

            foreach (var feed in chunk)
            {
                await EnsureAsync(feed, cancellationToken);
            }
        }
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        TableDeletes.DeleteIfExistsAsync(table, FeedEntity.Partition, id, cancellationToken);
}
