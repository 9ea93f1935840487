using Microsoft.Extensions.Options;
using RelationsAlerts.App.Admin;
using RelationsAlerts.Azure;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.App.Hosting;

/// <summary>
/// One-time start-up work (tables, queues, default topics, configured feeds), run lazily before the first job so the Functions
/// host's readiness probe on <c>GET /</c> is answered at once. A failed attempt is retried by the next caller.
/// </summary>
public sealed class AppInitializer(StorageInitializer storage, IFeedStore feeds, ITopicStore topics, IOptions<FeedsOptions> options) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool done;

    public async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (done)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!done)
            {
                await storage.InitializeAsync(cancellationToken);
                await Task.WhenAll(topics.SeedAsync(DefaultTopics.All, cancellationToken), RegisterFeedsAsync(options.Value.Registered, cancellationToken));
                done = true;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task RegisterFeedsAsync(IEnumerable<ConfiguredFeed> sources, CancellationToken cancellationToken)
    {
        var configured = sources.ToList();
        // One listing instead of one conflicting insert per known feed: every start (each run --once, each Functions
        // cold start) registers the whole configured list again.
        var known = configured.Count == 0 ? [] : (await feeds.ListAsync(cancellationToken)).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var added = configured
            .Where(s => !known.Contains(FeedIds.FromUrl(new Uri(s.Url))))
            .Select(source =>
            {
                var url = new Uri(source.Url);
                var type = FeedTypes.TryParse(source.Type, out var parsed) ? parsed : FeedType.Rss;
                return new FeedSource(FeedIds.FromUrl(url), url, source.Name ?? url.Host, FeedState.Initial) { Type = type, Paused = source.Paused };
            })
            .DistinctBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        await feeds.EnsureManyAsync(added, cancellationToken);
    }

    public void Dispose() => gate.Dispose();
}
