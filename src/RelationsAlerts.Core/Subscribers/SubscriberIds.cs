using System.Security.Cryptography;
using System.Text;

namespace RelationsAlerts.Core.Subscribers;

/// <summary>Subscriber ids are derived from the normalised address so a re-subscription maps to one record.</summary>
public static class SubscriberIds
{
    public static string FromEmail(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var normalised = email.Trim().ToUpperInvariant();
        return "s-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)).AsSpan(0, 16));
    }
}
