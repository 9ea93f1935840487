using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Infrastructure;

/// <summary>Serves the repository's samples/feeds over loopback HTTP (static files: ETag and Last-Modified included).</summary>
public sealed class SampleFeedServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SampleFeedServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static IReadOnlyList<string> FeedFiles { get; } =
        [.. Directory.EnumerateFiles(RepositoryPaths.Combine("samples", "feeds"), "*.xml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <param name="gate">Runs before every request; a test can hold a request here to act while the poll is under way.</param>
    public static async Task<SampleFeedServer> StartAsync(Func<HttpContext, Task>? gate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        if (gate is not null)
        {
            app.Use(async (context, next) =>
            {
                await gate(context);
                await next(context);
            });
        }

        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(RepositoryPaths.Combine("samples", "feeds")) });
        await app.StartAsync();
        return new SampleFeedServer(app) { BaseAddress = new Uri(app.Urls.First()) };
    }

    public IDictionary<string, string?> FeedSettings()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < FeedFiles.Count; i++)
        {
            settings[$"Feeds:Sources:{i}:Url"] = new Uri(BaseAddress, FeedFiles[i]).AbsoluteUri;
            settings[$"Feeds:Sources:{i}:Name"] = FeedFiles[i];
        }

        return settings;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
