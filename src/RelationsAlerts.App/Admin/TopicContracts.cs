using System.Text.Json.Serialization;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.App.Admin;

/// <summary>A topic as admins write it. On create <see cref="Id"/> is required; on update it comes from the route.</summary>
public sealed record TopicRequest(
    string? Id,
    string? DisplayName,
    string? Description,
    IReadOnlyDictionary<string, IReadOnlyList<string?>?>? Include,
    IReadOnlyDictionary<string, IReadOnlyList<string?>?>? Exclude,
    bool? Enabled)
{
    /// <summary>The domain topic, trimmed; call only after <see cref="TopicValidation.Validate"/> found no errors.</summary>
    public Topic ToTopic(string id, string? etag = null) => new()
    {
        Id = id,
        DisplayName = DisplayName!.Trim(),
        Description = Description?.Trim() ?? "",
        Include = Terms(Include),
        Exclude = Terms(Exclude),
        Enabled = Enabled ?? true,
        ETag = etag,
    };

    private static Dictionary<string, IReadOnlyList<string>> Terms(IReadOnlyDictionary<string, IReadOnlyList<string?>?>? terms) =>
        (terms ?? new Dictionary<string, IReadOnlyList<string?>?>())
            .Where(p => p.Value is { Count: > 0 })
            .ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value!.Select(t => t!.Trim())], StringComparer.Ordinal);
}

/// <summary>A stored topic; <see cref="ETag"/> is the value to send back in <c>If-Match</c> when updating.</summary>
public sealed record TopicResponse(
    string Id,
    string DisplayName,
    string Description,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Include,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Exclude,
    bool Enabled,
    [property: JsonPropertyName("etag")] string? ETag)
{
    public static TopicResponse From(Topic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return new(topic.Id, topic.DisplayName, topic.Description, topic.Include, topic.Exclude, topic.Enabled, topic.ETag);
    }
}
