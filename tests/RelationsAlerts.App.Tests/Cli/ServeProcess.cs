using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RelationsAlerts.App.Tests.Cli;

/// <summary>
/// <c>handler serve</c> as its own process in Functions-host mode on a free loopback port, as the Functions host starts it;
/// for comparing what the deployed executable serves with what its CLI prints. Killed on dispose.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServeProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<ServeProcess> StartAsync(string handlerDll, IDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(handlerDll);
        start.ArgumentList.Add("serve");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment[RelationsAlertsBuilder.FunctionsPortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        // Drain both pipes so a chatty log cannot block the server.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var served = new ServeProcess(process, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                // GET / is the custom-handler readiness probe.
                using var ready = await served.Client.GetAsync(new Uri("/", UriKind.Relative), cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return served;
                }
            }
            catch (HttpRequestException) when (!process.HasExited && DateTime.UtcNow < deadline)
            {
            }

            if (process.HasExited || DateTime.UtcNow >= deadline)
            {
                await served.DisposeAsync();
                throw new InvalidOperationException("handler serve did not become ready");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
