using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RelationsAlerts.App.Subscribers;

/// <summary>Verifies SendGrid's Event Webhook signature: ECDSA P-256 over UTF-8(timestamp) ‖ raw body, SHA-256, DER signature.</summary>
internal static class SendGridSignature
{
    public static bool Verify(string publicKeyBase64, string? signatureBase64, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxAge)
    {
        if (string.IsNullOrEmpty(signatureBase64) || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > maxAge || age < -TimeSpan.FromMinutes(5))
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKeyBase64), out _);
            var prefix = Encoding.UTF8.GetBytes(timestamp!);
            var data = new byte[prefix.Length + body.Length];
            prefix.CopyTo(data, 0);
            body.CopyTo(data.AsSpan(prefix.Length));
            return ecdsa.VerifyData(data, Convert.FromBase64String(signatureBase64), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
