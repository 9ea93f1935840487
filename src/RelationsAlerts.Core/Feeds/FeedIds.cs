using System.Security.Cryptography;
using System.Text;

namespace RelationsAlerts.Core.Feeds;

/// <summary>Derives stable feed ids from URLs so a configured feed maps to one stored row.</summary>
public static class FeedIds
{
    public static string FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri));
        return "f-" + Convert.ToHexStringLower(bytes.AsSpan(0, 8));
    }
}
