using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Azure.Tables;

/// <summary>Feeds and their polling state in one partition of the <c>feeds</c> table (hundreds of rows at most).</summary>
public sealed class TableFeedStore(TableServiceClient client) : IFeedStore
{
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
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        TableDeletes.DeleteIfExistsAsync(table, FeedEntity.Partition, id, cancellationToken);
}
