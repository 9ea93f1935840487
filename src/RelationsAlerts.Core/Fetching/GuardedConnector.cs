using System.Net;
using System.Net.Sockets;

namespace RelationsAlerts.Core.Fetching;

/// <summary>
/// A <c>SocketsHttpHandler.ConnectCallback</c> that resolves the host itself and refuses non-public addresses,
/// so DNS rebinding and redirects to internal hosts are caught at connect time, not only when a URL is added.
/// </summary>
public sealed class GuardedConnector(bool allowLoopback)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var blocked = addresses.FirstOrDefault(a => !AddressPolicy.IsAllowed(a, allowLoopback));
        if (addresses.Length == 0 || blocked is not null)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"fetch: refusing to connect to {endPoint.Host} ({blocked}): not a public address");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
