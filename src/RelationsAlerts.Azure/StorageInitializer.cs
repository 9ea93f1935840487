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
        foreach (var name in TableNames.All)
        {
            await tables.CreateTableIfNotExistsAsync(name, cancellationToken);
        }

        await queues.GetQueueClient(options.Value.DigestQueueName).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queues.GetQueueClient(options.Value.PoisonQueueName).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
