using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Fetching;

namespace RelationsAlerts.Core.Tests.Fetching;

/// <summary>
/// An HTTP/1.0 server that closes after every response without "Connection: close" (as python's http.server does).
/// SocketsHttpHandler hands such a connection to a request waiting in the pool before it sees the close.
/// </summary>
public sealed class FeedFetcherHttp10Tests : IAsyncDisposable
{
    private const string Rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>a</title><link>https://example.org/a</link></item></channel></rss>";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private int answered;

    public FeedFetcherHttp10Tests()
    {
        listener.Start();
        serving = ServeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        listener.Dispose();
        stop.Dispose();
    }

    [Fact]
    public async Task FetchAsync_Succeeds_WhenPooledHttp10ConnectionWasClosed()
    {
        // Arrange: one connection per server (as configured) and four feeds at a time, so requests wait in the pool.
        var fetcher = CreateFetcher();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/feed.xml");
        var feed = new FeedSource("f-http10", url, "http10", FeedState.Initial);

        // Act
        var results = new FetchResult[40];
        await Parallel.ForAsync(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken }, async (i, ct) =>
            results[i] = await fetcher.FetchAsync(feed, ct));

        // Assert
        Assert.All(results, r => Assert.IsType<FetchResult.Fetched>(r));
        Assert.True(answered >= results.Length);
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            using var socket = await listener.AcceptSocketAsync(stop.Token);
            var buffer = new byte[4096];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await socket.ReceiveAsync(buffer, stop.Token);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var body = Encoding.UTF8.GetBytes(Rss);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.0 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {body.Length}\r\n\r\n"), stop.Token);
            await socket.SendAsync(body, stop.Token);
            Interlocked.Increment(ref answered);
            socket.Shutdown(SocketShutdown.Both);
        }
    }

    private static FeedFetcher CreateFetcher()
    {
        var services = new ServiceCollection();
        services.AddOptions<FetchOptions>().Configure(o => o.AllowLoopback = true);
        services.AddRelationsAlertsCore();
        return services.BuildServiceProvider().GetRequiredService<FeedFetcher>();
    }
}
