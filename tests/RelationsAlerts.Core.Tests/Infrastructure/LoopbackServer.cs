using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RelationsAlerts.Core.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, answering with per-path handlers.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Dictionary<string, RequestDelegate> routes = new(StringComparer.Ordinal);
    private readonly List<HttpRequestRecord> requests = [];

    private LoopbackServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<HttpRequestRecord> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new LoopbackServer(builder.Build());
        server.app.Run(server.HandleAsync);
        await server.app.StartAsync();
        server.BaseAddress = new Uri(server.app.Urls.First());
        return server;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public void Map(string path, RequestDelegate handler)
    {
        lock (routes)
        {
            routes[path] = handler;
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private Task HandleAsync(HttpContext context)
    {
        lock (requests)
        {
            requests.Add(new HttpRequestRecord(context.Request.Path, context.Request.Headers.IfNoneMatch.ToString(), context.Request.Headers.IfModifiedSince.ToString(), context.Request.Headers.UserAgent.ToString()));
        }

        RequestDelegate? handler;
        lock (routes)
        {
            routes.TryGetValue(context.Request.Path.Value ?? "", out handler);
        }

        if (handler is null)
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }

        return handler(context);
    }
}

public sealed record HttpRequestRecord(string Path, string IfNoneMatch, string IfModifiedSince, string UserAgent);
