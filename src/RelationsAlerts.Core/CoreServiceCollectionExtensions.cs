using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Fetching;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Stories;
using RelationsAlerts.Core.Subscribers;
using RelationsAlerts.Core.Telemetry;

namespace RelationsAlerts.Core;

/// <summary>Registers the pipeline. Options are bound and validated by the host.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddRelationsAlertsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<FeedRefresher>();
        services.AddSingleton<PollFeedsJob>();
        services.AddSingleton<SendDigestJob>();
        services.AddSingleton<ScheduleDigestsJob>();
        services.AddSingleton<DigestJobQueuer>();
        services.AddSingleton<Digests.DigestMailComposer>();
        services.AddSingleton<LinkSigner>();
        services.AddSingleton<SubscriberLinks>();
        services.AddSingleton<SubscriptionService>();
        // Stories: storage adapters replace this process-local default (AddRelationsAlertsStorage).
        services.TryAddSingleton<IStoryStore, InMemoryStoryStore>();
        services.AddSingleton<StoryAssigner>();

        AddFeedClient(services, FeedFetcher.HttpClientName, TimeSpan.FromMinutes(5));
        // Zero lifetime: every connection is closed after its response (hosts that close after each response anyway).
        AddFeedClient(services, FeedFetcher.NoReuseHttpClientName, TimeSpan.Zero);
        return services;
    }

    private static void AddFeedClient(IServiceCollection services, string name, TimeSpan connectionLifetime) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<FetchOptions>>().Value;
                return new SocketsHttpHandler
                {
                    // Redirects are followed by FeedFetcher so hops are counted and every hop passes the connect guard.
                    AllowAutoRedirect = false,
                    AutomaticDecompression = DecompressionMethods.All,
                    ConnectTimeout = options.ConnectTimeout,
                    ConnectCallback = new GuardedConnector(options.AllowLoopback).ConnectAsync,
                    // One connection per host keeps us polite: at most one request at a time to each publisher.
                    MaxConnectionsPerServer = 1,
                    PooledConnectionLifetime = connectionLifetime,
                    UseCookies = false,
                };
            });
}
