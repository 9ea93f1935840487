using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelationsAlerts.Core.Digests;

/// <summary>Reads and writes digest queue messages; rejects anything that is not a known version.</summary>
public static class DigestRequestSerializer
{
    /// <summary>The newest version written: group jobs. Version 1 (one subscriber) is still read and written.</summary>
    public const int CurrentVersion = 2;

    /// <summary>
    /// Queue messages are at most 64 KiB after base64 encoding (48 KiB of JSON). A full group job (1,000 ids) is about
    /// 37 KiB; anything over 47 KiB is hostile or corrupt.
    /// </summary>
    public const int MaxMessageBytes = 47 * 1024;

    private const int MaxIdLength = 128;

    public static byte[] Serialize(DigestRequest request) =>
        JsonSerializer.SerializeToUtf8Bytes(request, DigestJsonContext.Default.DigestRequest);

    /// <summary>Parses a message body; returns false with a reason for anything malformed.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> body, out DigestRequest? request, out string reason)
    {
        request = null;
        if (body.Length > MaxMessageBytes)
        {
            reason = $"message is {body.Length} bytes, more than {MaxMessageBytes}";
            return false;
        }

        try
        {
            request = JsonSerializer.Deserialize(body, DigestJsonContext.Default.DigestRequest);
        }
        catch (JsonException ex)
        {
            reason = "message is not valid JSON: " + ex.Message;
            return false;
        }

        reason = request is null ? "message is empty" : Validate(request);
        return reason.Length == 0;
    }

    private static string Validate(DigestRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.DigestId) || request.DigestId.Length > MaxIdLength)
        {
            return "message lacks a valid digest id";
        }

        return request.Version switch
        {
            1 when string.IsNullOrWhiteSpace(request.SubscriberId) || request.SubscriberId.Length > MaxIdLength => "message lacks subscriber or digest id",
            1 => "",
            2 => ValidateRecipients(request.SubscriberIds),
            _ => $"unknown message version {request.Version}",
        };
    }

    private static string ValidateRecipients(IReadOnlyList<string>? ids)
    {
        if (ids is not { Count: > 0 })
        {
            return "group message lacks subscriber ids";
        }

        if (ids.Count > DigestRequest.MaxRecipients)
        {
            return $"group message has {ids.Count} subscribers, more than {DigestRequest.MaxRecipients}";
        }

        if (ids.Any(id => string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength))
        {
            return "group message has an empty or oversized subscriber id";
        }

        return ids.Distinct(StringComparer.Ordinal).Count() == ids.Count ? "" : "group message names a subscriber twice";
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DigestRequest))]
internal sealed partial class DigestJsonContext : JsonSerializerContext;
