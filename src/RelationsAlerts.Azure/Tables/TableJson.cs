using System.Text.Encodings.Web;
using System.Text.Json;

namespace RelationsAlerts.Azure.Tables;

/// <summary>Lists and maps are stored as JSON strings (Table Storage has no collection type).</summary>
internal static class TableJson
{
    // Table values are never rendered as HTML; relaxed escaping keeps Cyrillic and Urdu at one character each.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Serialises as many leading elements as fit in <paramref name="max"/> characters, so the JSON stays valid.</summary>
    public static string WriteList(IReadOnlyList<string> values, int max)
    {
        for (var count = values.Count; count > 0; count--)
        {
            var json = Write(values.Take(count));
            if (json.Length <= max)
            {
                return json;
            }
        }

        return "[]";
    }

    public static T Read<T>(string? json, T fallback) =>
        string.IsNullOrEmpty(json) ? fallback : JsonSerializer.Deserialize<T>(json, Options) ?? fallback;

    /// <summary>Table Storage string properties hold at most 32K UTF-16 characters; never cut a surrogate pair in half.</summary>
    public static string Clip(string value, int max = 16_000)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..cut];
    }
}
