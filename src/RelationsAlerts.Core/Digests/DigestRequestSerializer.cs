using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelationsAlerts.Core.Digests;

/// <summary>Reads and writes digest queue messages; rejects anything that is not a known version.</summary>
public static class DigestRequestSerializer
{
    public const int CurrentVersion = 1;

    /// <summary>Queue messages are at most 64 KiB; ours are far smaller, so anything bigger is hostile or corrupt.</summary>
    public const int MaxMessageBytes = 8 * 1024;

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

        reason = request switch
        {
            null => "message is empty",
            { Version: not CurrentVersion } => $"unknown message version {request.Version}",
            _ when string.IsNullOrWhiteSpace(request.SubscriberId) || string.IsNullOrWhiteSpace(request.DigestId) => "message lacks subscriber or digest id",
            _ => "",
        };
        return reason.Length == 0;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DigestRequest))]
internal sealed partial class DigestJsonContext : JsonSerializerContext;
