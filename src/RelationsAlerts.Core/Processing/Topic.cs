namespace RelationsAlerts.Core.Processing;

/// <summary>A sector with its keywords per language (ISO 639-1 code → terms). A term ending in '*' matches any word continuation.</summary>
public sealed record Topic
{
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Include { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Exclude { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public bool Enabled { get; init; } = true;

    /// <summary>The stored version this topic was read at; null for topics not read from a store.</summary>
    public string? ETag { get; init; }
}
