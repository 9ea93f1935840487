using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace RelationsAlerts.App.Triggers;

/// <summary>
/// Reads the Functions host's <c>{Data, Metadata}</c> invocation body defensively: values may arrive plain,
/// JSON-string-encoded a second time (the host serialises strings again), or base64 (<c>dataType: binary</c>).
/// </summary>
public static class InvocationPayload
{
    /// <summary>The bytes of a queue message bound as <paramref name="bindingName"/>, or null when absent.</summary>
    public static byte[]? MessageBytes(JsonElement root, string bindingName)
    {
        if (!TryGetProperty(root, "Data", out var data) || !TryGetProperty(data, bindingName, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => StringBytes(value.GetString()!),
            JsonValueKind.Object or JsonValueKind.Array => Encoding.UTF8.GetBytes(value.GetRawText()),
            _ => null,
        };
    }

    /// <summary>The queue trigger's dequeue count from metadata: a number, a string, or a JSON-encoded string.</summary>
    public static long DequeueCount(JsonElement root)
    {
        if (!TryGetProperty(root, "Metadata", out var metadata) || !TryGetProperty(metadata, "DequeueCount", out var value))
        {
            return 1;
        }

        var text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : Unquote(value.GetString() ?? "");
        return long.TryParse(text, out var count) ? count : 1;
    }

    private static byte[] StringBytes(string value)
    {
        var text = Unquote(value);
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return Base64.IsValid(text) ? Convert.FromBase64String(text) : bytes;
    }

    /// <summary>Strips one layer of JSON string encoding (<c>"\"abc\""</c> → <c>abc</c>) when present.</summary>
    internal static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(value) ?? value;
            }
            catch (JsonException)
            {
                return value;
            }
        }

        return value;
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }
}
