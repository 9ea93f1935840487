using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RelationsAlerts.App.Tests.Infrastructure;

/// <summary>What <see cref="TcpFaultFront"/> does with one connection.</summary>
public enum ConnectionFault
{
    /// <summary>Forward to the server behind the front, both ways, untouched.</summary>
    None,

    /// <summary>Read the whole request, then reset the connection (RST: linger on, zero timeout).</summary>
    Reset,

    /// <summary>Read the whole request, answer bytes that are not an HTTP status line, then close.</summary>
    MalformedResponse,

    /// <summary>Read the whole request, then close without answering (FIN, no bytes).</summary>
    CloseWithoutResponse,
}

/// <summary>
/// A loopback TCP front for an HTTP server: the n-th connection gets the fault a script names for n, the rest are
/// forwarded. Faulted requests never reach the server, so its log holds only what really got through. Real resets and
/// broken responses, which WireMock.Net's own faults are not: its EMPTY_RESPONSE and MALFORMED_RESPONSE_CHUNK still
/// send the mapping's status line and close cleanly (a 202 with an odd body is a success to an HTTP client).
/// </summary>
public sealed class TcpFaultFront : IAsyncDisposable
{
    private readonly int targetPort;
    private readonly Func<int, ConnectionFault> script;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource running = new();
    private readonly List<TcpClient> open = [];
    private int connections;
    private int faulted;

    public TcpFaultFront(int targetPort, Func<int, ConnectionFault> script)
    {
        this.targetPort = targetPort;
        this.script = script;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public int Connections => Volatile.Read(ref connections);

    /// <summary>Connections that got a fault (each carried exactly one request).</summary>
    public int Faulted => Volatile.Read(ref faulted);

    public async ValueTask DisposeAsync()
    {
        await running.CancelAsync();
        listener.Stop();
        lock (open)
        {
            foreach (var client in open)
            {
                client.Dispose();
            }

            open.Clear();
        }

        running.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!running.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(running.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (open)
            {
                open.Add(inbound);
            }

            var fault = script(Interlocked.Increment(ref connections));
            _ = fault == ConnectionFault.None ? ForwardAsync(inbound) : FaultAsync(inbound, fault);
        }
    }

    private async Task FaultAsync(TcpClient inbound, ConnectionFault fault)
    {
        Interlocked.Increment(ref faulted);
        try
        {
            var stream = inbound.GetStream();
            await ReadRequestAsync(stream, running.Token);
            switch (fault)
            {
                case ConnectionFault.Reset:
                    inbound.Client.LingerState = new LingerOption(true, 0);
                    break;
                case ConnectionFault.MalformedResponse:
                    await stream.WriteAsync("HTTP/1.1 2@2 ?!\r\n\u0001\u0002garbage\r\n\r\n"u8.ToArray(), running.Token);
                    break;
                case ConnectionFault.CloseWithoutResponse:
                    inbound.Client.Shutdown(SocketShutdown.Send);
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away first; nothing to do.
        }
        finally
        {
            inbound.Dispose();
        }
    }

    private async Task ForwardAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, targetPort, running.Token);
            await Task.WhenAny(
                inbound.GetStream().CopyToAsync(outbound.GetStream(), running.Token),
                outbound.GetStream().CopyToAsync(inbound.GetStream(), running.Token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Either side closed.
        }
        finally
        {
            inbound.Dispose();
        }
    }

    /// <summary>Reads headers and a Content-Length body, so the client has sent its whole request before the fault.</summary>
    private static async Task ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        int headerEnd;
        while ((headerEnd = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0 || length + read == buffer.Length)
            {
                return;
            }

            length += read;
        }

        var headers = Encoding.ASCII.GetString(buffer, 0, headerEnd);
        var contentLength = headers.Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => int.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var remaining = headerEnd + 4 + contentLength - length;
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            remaining -= read;
        }
    }
}
