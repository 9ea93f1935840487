using System.Text.Json.Serialization;

namespace RelationsAlerts.App.Triggers;

/// <summary>The reply the Functions host expects from a non-HTTP invocation: always a JSON body.</summary>
public sealed record InvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    public static InvocationResult Of(params string[] logs) => new(new Dictionary<string, object?>(), logs, null);
}
