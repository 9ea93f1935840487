using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Fetching;

namespace RelationsAlerts.App.Admin;

/// <summary>Resolves a host name to addresses (DNS in production; tests substitute their own).</summary>
public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>
/// Refuses feed URLs that would make the poller fetch from inside the network (SSRF): non-http(s) URLs, IP literals and
/// host names resolving to private, loopback or link-local addresses. The fetcher's connect guard checks again on every
/// poll (DNS can change); this check gives the admin a clear 400 when the feed is added.
/// </summary>
public sealed class FeedUrlGuard(HostResolver resolve, IOptions<FetchOptions> options)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Null when the URL may be polled; otherwise why not.</summary>
    public async Task<string?> CheckAsync(string? text, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return "url must be an absolute http or https URL.";
        }

        if (url.UserInfo.Length > 0)
        {
            return "url must not contain a user name or password.";
        }

        var allowLoopback = options.Value.AllowLoopback;
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal))
        {
            return AddressPolicy.IsAllowed(literal, allowLoopback) ? null : $"url points at {literal}, which is not a public address.";
        }

        var addresses = await ResolveAsync(url.IdnHost, cancellationToken);
        if (addresses is null or { Length: 0 })
        {
            return $"url host '{url.Host}' could not be resolved.";
        }

        var blocked = addresses.FirstOrDefault(a => !AddressPolicy.IsAllowed(a, allowLoopback));
        return blocked is null ? null : $"url host '{url.Host}' resolves to {blocked}, which is not a public address.";
    }

    private async Task<IPAddress[]?> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            // WaitAsync: the system resolver does not always honour cancellation, and the admin should not wait for it.
            return await resolve(host, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            return null;
        }
    }
}
