namespace RelationsAlerts.Core.Digests;

/// <summary>A rendered email ready for a transport.</summary>
public sealed record OutgoingMail
{
    public required string To { get; init; }

    public required string Subject { get; init; }

    public required string Html { get; init; }

    public required string Text { get; init; }

    /// <summary>Stable key of this email (the digest id); transports use it for file names and custom args.</summary>
    public required string IdempotencyKey { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Categories { get; init; } = [];
}
