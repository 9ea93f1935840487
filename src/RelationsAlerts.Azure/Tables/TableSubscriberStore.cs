using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Azure.Tables;

/// <summary>Subscribers in the <c>subscribers</c> table; conditional updates use the entity ETag.</summary>
public sealed class TableSubscriberStore(TableServiceClient client) : ISubscriberStore
{
    private const string SuppressionPartition = "suppressed";

    private readonly TableClient table = client.GetTableClient(TableNames.Subscribers);

    /// <inheritdoc/>
    public async Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await table.GetEntityIfExistsAsync<SubscriberEntity>(SubscriberEntity.Partition, id, cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value!.ToSubscriber() : null;
    }

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
