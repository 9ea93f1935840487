using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace RelationsAlerts.Core.Subscribers;

/// <summary>
/// Opaque, HMAC-SHA256-signed tokens for subscriber links: <c>base64url(claims).base64url(mac)</c>. The claims name
/// the key id (rotation), subscriber, purpose, expiry and, for confirmations, a single-use nonce. No email address
/// is in the token, so a leaked link reveals nothing about the subscriber.
/// </summary>
public sealed class LinkSigner(IOptions<SignedLinkOptions> options, TimeProvider clock)
{
    public string Create(string subscriberId, LinkPurpose purpose, DateTimeOffset? expires = null, string? nonce = null)
    {
        var claims = new LinkClaims(options.Value.KeyId, subscriberId, purpose, expires?.ToUnixTimeSeconds(), nonce);
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims, LinkJsonContext.Default.LinkClaims);
        var mac = HMACSHA256.HashData(Key(options.Value.KeyId)!, payload);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(mac);
    }

    /// <summary>Validates signature, purpose and expiry. Returns null with a reason when the token is not good.</summary>
    public LinkClaims? Validate(string? token, LinkPurpose purpose, out string reason)
    {
        reason = "the link is malformed";
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0 || token.Length > 2048)
        {
            return null;
        }

        LinkClaims? claims;
        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            claims = JsonSerializer.Deserialize(payload, LinkJsonContext.Default.LinkClaims);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }

        if (claims is null || Key(claims.KeyId) is not { } key || !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), mac))
        {
            reason = "the link's signature is not valid";
            return null;
        }

        reason = claims.Purpose != purpose ? "the link is for something else"
            : claims.ExpiresAt is { } exp && clock.GetUtcNow().ToUnixTimeSeconds() > exp ? "the link has expired"
            : "";
        return reason.Length == 0 ? claims : null;
    }

    private byte[]? Key(string keyId)
    {
        var value = keyId == options.Value.KeyId ? options.Value.SigningKey : options.Value.RetiredKeys.TryGetValue(keyId, out var retired) ? retired : null;
        return string.IsNullOrEmpty(value) ? null : Encoding.UTF8.GetBytes(value);
    }
}

/// <summary>What a valid link says.</summary>
public sealed record LinkClaims(
    [property: JsonPropertyName("k")] string KeyId,
    [property: JsonPropertyName("s")] string SubscriberId,
    [property: JsonPropertyName("p")] LinkPurpose Purpose,
    [property: JsonPropertyName("e")] long? ExpiresAt,
    [property: JsonPropertyName("n")] string? Nonce);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LinkClaims))]
internal sealed partial class LinkJsonContext : JsonSerializerContext;
