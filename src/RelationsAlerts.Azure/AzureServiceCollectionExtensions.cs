using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Email;
using RelationsAlerts.Azure.Queues;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Azure;

/// <summary>Registers the Table Storage, Queue and SendGrid adapters.</summary>
public static class AzureServiceCollectionExtensions
{
    public static IServiceCollection AddRelationsAlertsStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => CreateTableClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => CreateQueueClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IItemStore, TableItemStore>();
        services.AddSingleton<IFeedStore, TableFeedStore>();
        services.AddSingleton<ITopicStore, TableTopicStore>();
        services.AddSingleton<ISubscriberStore, TableSubscriberStore>();
        services.Replace(ServiceDescriptor.Singleton<IStoryStore, TableStoryStore>());
        services.AddSingleton<IDigestQueue, StorageDigestQueue>();
        services.AddSingleton<StorageInitializer>();
        return services;
    }

    public static IServiceCollection AddSendGridMailSender(this IServiceCollection services)
    {
        // No client-wide timeout: the sender bounds every attempt with SendGrid:RequestTimeout.
        services.AddHttpClient(SendGridMailSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMailSender>(sp => new SendGridMailSender(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SendGridMailSender.HttpClientName),
            sp.GetRequiredService<IOptions<SendGridOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static TableServiceClient CreateTableClient(StorageOptions options) =>
        options.ConnectionString is { Length: > 0 } connectionString
            ? new TableServiceClient(connectionString)
            : new TableServiceClient(new Uri($"https://{options.AccountName}.table.core.windows.net"), Credential(options));

    private static QueueServiceClient CreateQueueClient(StorageOptions options)
    {
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return options.ConnectionString is { Length: > 0 } connectionString
            ? new QueueServiceClient(connectionString, queueOptions)
            : new QueueServiceClient(new Uri($"https://{options.AccountName}.queue.core.windows.net"), Credential(options), queueOptions);
    }

    private static TokenCredential Credential(StorageOptions options) =>
        options.ClientId is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
}
