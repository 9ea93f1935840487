using System.Text.Json;

namespace RelationsAlerts.Azure.Tables;

/// <summary>Lists and maps are stored as JSON strings (Table Storage has no collection type).</summary>
internal static class TableJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value);

    public static T Read<T>(string? json, T fallback) =>
        string.IsNullOrEmpty(json) ? fallback : JsonSerializer.Deserialize<T>(json) ?? fallback;

    /// <summary>Table Storage string properties hold at most 32K UTF-16 characters.</summary>
    public static string Clip(string value, int max = 16_000) => value.Length <= max ? value : value[..max];
}
