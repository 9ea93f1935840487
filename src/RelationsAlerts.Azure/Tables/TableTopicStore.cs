using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Azure.Tables;

/// <summary>
/// The taxonomy in the <c>topics</c> table. Seeding happens once: a marker row records it, so topics an admin
/// deleted later do not come back.
/// </summary>
public sealed class TableTopicStore(TableServiceClient client) : ITopicStore
{
    private const string MetaPartition = "meta";
    private const string SeedMarker = "seeded-v1";

    private readonly TableClient table = client.GetTableClient(TableNames.Topics);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Topic>> ListAsync(CancellationToken cancellationToken = default)
    {
        var topics = new List<Topic>();
        await foreach (var entity in table.QueryAsync<TopicEntity>(e => e.PartitionKey == TopicEntity.Partition, cancellationToken: cancellationToken))
        {
            topics.Add(entity.ToTopic());
        }

        var order = DefaultTopics.Ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        return [.. topics.OrderBy(t => order.GetValueOrDefault(t.Id, int.MaxValue)).ThenBy(t => t.Id, StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public async Task SeedAsync(IEnumerable<Topic> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(MetaPartition, SeedMarker, cancellationToken: cancellationToken);
        if (marker.HasValue)
        {
            return;
        }

        // One transaction (all topics share a partition); when one exists (another instance seeded it first, or it was
        // edited already) the transaction writes nothing, and they are added one at a time.
        var entities = topics.Select(TopicEntity.From).DistinctBy(e => e.RowKey, StringComparer.Ordinal).ToList();
        try
        {
            if (entities.Count is > 0 and <= 100)
            {
                await table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken);
                entities.Clear();
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }

        foreach (var entity in entities)
        {
            try
            {
                await table.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }
        }

        await table.UpsertEntityAsync(new TableEntity(MetaPartition, SeedMarker), TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<Topic?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await table.GetEntityIfExistsAsync<TopicEntity>(TopicEntity.Partition, id, cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value!.ToTopic() : null;
    }

    /// <inheritdoc/>
    public async Task<Topic?> TryAddAsync(Topic topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        try
        {
            var response = await table.AddEntityAsync(TopicEntity.From(topic with { ETag = null }), cancellationToken);
            return topic with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task<Topic?> TryUpdateAsync(Topic topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        _ = topic.ETag ?? throw new ArgumentException("A conditional update needs the ETag the topic was read with.", nameof(topic));
        var entity = TopicEntity.From(topic);
        try
        {
            var response = await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            return topic with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        TableDeletes.DeleteIfExistsAsync(table, TopicEntity.Partition, id, cancellationToken);
}
