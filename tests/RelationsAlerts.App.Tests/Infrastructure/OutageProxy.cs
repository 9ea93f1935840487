using System.Net;
using System.Net.Sockets;

namespace RelationsAlerts.App.Tests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder in front of a service, which a test can cut (connections dropped, new ones refused) and
/// restore on the same port: a storage outage without losing the emulator's data.
/// </summary>
public sealed class OutageProxy : IAsyncDisposable
{
    private readonly int targetPort;
    private readonly List<TcpClient> open = [];
    private TcpListener listener;
    private CancellationTokenSource running = new();

    public OutageProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync(listener, running.Token);
    }

    public int Port { get; }

    public void Cut()
    {
        running.Cancel();
        listener.Stop();
        lock (open)
        {
            foreach (var client in open)
            {
                client.Dispose();
            }

            open.Clear();
        }
    }

    public void Restore()
    {
        running = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        _ = AcceptLoopAsync(listener, running.Token);
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        running.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptLoopAsync(TcpListener server, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await server.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(inbound, cancellationToken);
        }
    }

    private async Task ForwardAsync(TcpClient inbound, CancellationToken cancellationToken)
    {
        var outbound = new TcpClient();
        lock (open)
        {
            open.Add(inbound);
            open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, targetPort, cancellationToken);
            await Task.WhenAny(
                inbound.GetStream().CopyToAsync(outbound.GetStream(), cancellationToken),
                outbound.GetStream().CopyToAsync(inbound.GetStream(), cancellationToken));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The outage: connections end.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
