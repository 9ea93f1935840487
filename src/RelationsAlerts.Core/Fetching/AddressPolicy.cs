using System.Net;
using System.Net.Sockets;

namespace RelationsAlerts.Core.Fetching;

/// <summary>Which IP addresses a feed fetch may connect to (SSRF guard).</summary>
public static class AddressPolicy
{
    /// <summary>True for globally routable unicast addresses; loopback only when <paramref name="allowLoopback"/>.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0 // "this" network
        || b[0] == 10 // private
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
        || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata endpoint
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) // private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
        || (b[0] == 192 && b[1] == 168) // private
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking
        || b[0] >= 224); // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return !(address.Equals(IPAddress.IPv6None)
            || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast
            || (b[0] & 0xFE) == 0xFC // unique local fc00::/7
            || (address.IsIPv6Teredo));
    }
}
