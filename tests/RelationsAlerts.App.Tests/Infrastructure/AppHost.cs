using System.Net;
using System.Net.Sockets;
using RelationsAlerts.App.Hosting;

namespace RelationsAlerts.App.Tests.Infrastructure;

/// <summary>
/// The real app (same composition root as production) on a free loopback port in Functions-host mode, so tests
/// post exactly what the Functions host posts, over real HTTP.
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    private AppHost(WebApplication app, Uri baseAddress, string mailDirectory)
    {
        App = app;
        BaseAddress = baseAddress;
        MailDirectory = mailDirectory;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string MailDirectory { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>The link-signing key every test host uses (tests sign links themselves to check forgery handling).</summary>
    public static string SigningKey { get; } = "test-signing-key-0123456789abcdefghijklmnop";

    /// <summary>The admin API key every test host accepts unless <c>Admin:ApiKeys:0</c> is overridden (serve modes require one).</summary>
    public static string AdminApiKey { get; } = "test-admin-key-0123456789abcdefghijklmno";

    public static async Task<AppHost> StartAsync(
        string storageConnectionString,
        string queueName,
        IDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        HostingMode mode = HostingMode.FunctionsHost,
        Action<IServiceCollection>? configureServices = null)
    {
        var port = FreePort();
        var mail = Directory.CreateTempSubdirectory("mail-").FullName;
        var config = new Dictionary<string, string?>
        {
            [RelationsAlertsBuilder.FunctionsPortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Storage:DigestQueueName"] = queueName,
            ["Fetching:AllowLoopback"] = "true",
            ["Mail:OutputDirectory"] = mail,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Links:SigningKey"] = SigningKey,
            ["Admin:ApiKeys:0"] = AdminApiKey,
            ["Links:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        if (mode == HostingMode.Standalone)
        {
            config["urls"] = $"http://127.0.0.1:{port}";
        }

        var app = RelationsAlertsBuilder.Build([], mode, config, services =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }

            configureServices?.Invoke(services);
        });
        await app.StartAsync();
        return new AppHost(app, new Uri($"http://127.0.0.1:{port}"), mail);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(MailDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
