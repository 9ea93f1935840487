using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace RelationsAlerts.Azure.Tests.Infrastructure;

/// <summary>
/// Starts Azurite (from the repository's npm manifest, <c>npm ci</c>) on free loopback ports with in-memory storage.
/// Tests fail, never skip, when it cannot start: storage round-trips are part of the default suite.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // The emulator's well-known development key (public, documented by Microsoft); not a secret.
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? process;
    private string? workDirectory;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public TableServiceClient TableServiceClient() => new(ConnectionString);

    public QueueServiceClient QueueServiceClient() =>
        new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Creates the app's tables and the given digest queue (and its poison queue) in this emulator.</summary>
    public Task CreateStorageAsync(string digestQueueName, CancellationToken cancellationToken)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { ConnectionString = ConnectionString, DigestQueueName = digestQueueName });
        return new StorageInitializer(TableServiceClient(), QueueServiceClient(), options).InitializeAsync(cancellationToken);
    }

    public async ValueTask InitializeAsync()
    {
        var azurite = RepositoryPaths.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}. Run 'npm ci' in {RepositoryPaths.Root} (scripts/test.sh does it).");
        }

        await StartAsync(azurite);
    }

    /// <summary>Stops the emulator (for outage tests); <see cref="RestartAsync"/> brings it back on the same ports, empty.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public Task RestartAsync() => StartOnPortsAsync(RepositoryPaths.Combine("node_modules", ".bin", "azurite"));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
        if (workDirectory is not null)
        {
            try
            {
                Directory.Delete(workDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp directory left behind is harmless.
            }
        }
    }

    private async Task StartAsync(string azurite)
    {
        for (var attempt = 0; ; attempt++)
        {
            (BlobPort, QueuePort, TablePort) = (FreePort(), FreePort(), FreePort());
            try
            {
                await StartOnPortsAsync(azurite);
                return;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                // A port was taken between choosing and binding it; choose again.
                await StopAsync();
            }
        }
    }

    private async Task StartOnPortsAsync(string azurite)
    {
        workDirectory ??= Directory.CreateTempSubdirectory("azurite-").FullName;
        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", $"{BlobPort}", "--queueHost", "127.0.0.1", "--queuePort", $"{QueuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{TablePort}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForPortsAsync();
    }

    private async Task WaitForPortsAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process!.HasExited)
            {
                throw new TimeoutException($"Azurite exited with code {process.ExitCode}");
            }

            if (await IsListeningAsync(TablePort) && await IsListeningAsync(QueuePort) && await IsListeningAsync(BlobPort))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Azurite did not start listening within 30 s");
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
