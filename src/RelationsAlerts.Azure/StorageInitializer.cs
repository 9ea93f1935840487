using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Tables;

namespace RelationsAlerts.Azure;

/// <summary>Creates the tables and queues if they are missing (Bicep creates them in Azure; Azurite starts empty).</summary>
public sealed class StorageInitializer(TableServiceClient tables, QueueServiceClient queues, IOptions<StorageOptions> options)
{
    /// <summary>Tables and queues are checked at once (two listings, one per service).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(InitializeTablesAsync(cancellationToken), InitializeQueuesAsync(cancellationToken));

    // A listing instead of one create-if-missing request (a 409 when it exists) per table and queue: this runs on every
    // start, and in Azure everything exists already.
    private async Task InitializeTablesAsync(CancellationToken cancellationToken)
    {
        var existingTables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var table in tables.QueryAsync(cancellationToken: cancellationToken))
        {
            existingTables.Add(table.Name);
        }

        await Task.WhenAll(TableNames.All.Where(n => !existingTables.Contains(n)).Select(n => tables.CreateTableIfNotExistsAsync(n, cancellationToken)));
    }

    private async Task InitializeQueuesAsync(CancellationToken cancellationToken)
    {
        var existingQueues = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var queue in queues.GetQueuesAsync(cancellationToken: cancellationToken))
        {
            existingQueues.Add(queue.Name);
        }

        foreach (var name in new[] { options.Value.DigestQueueName, options.Value.PoisonQueueName }.Where(n => !existingQueues.Contains(n)))
        {
            await queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
