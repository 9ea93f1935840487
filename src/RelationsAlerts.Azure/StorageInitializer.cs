using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Tables;

namespace RelationsAlerts.Azure;

/// <summary>Creates the tables and queues if they are missing (Bicep creates them in Azure; Azurite starts empty).</summary>
public sealed class StorageInitializer(TableServiceClient tables, QueueServiceClient queues, IOptions<StorageOptions> options)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        // Two listings instead of one create-if-missing request (a 409 when it exists) per table and queue: this runs on
        // every start, and in Azure everything exists already.
        var existingTables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var table in tables.QueryAsync(cancellationToken: cancellationToken))
        {
            existingTables.Add(table.Name);
        }

        foreach (var name in TableNames.All.Where(n => !existingTables.Contains(n)))
        {
            await tables.CreateTableIfNotExistsAsync(name, cancellationToken);
        }

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
