namespace RelationsAlerts.Core.Pipeline;

/// <summary>What handling one digest job did.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">Why, for logs and the CLI.</param>
/// <param name="Items">Stories in the digests sent.</param>
/// <param name="Recipients">Recipients the digest was sent to (a group job can have many).</param>
public sealed record DigestOutcome(DigestOutcomeKind Kind, string Detail, int Items = 0, int Recipients = 0)
{
    public override string ToString() => $"{Kind}: {Detail}";
}

public enum DigestOutcomeKind
{
    Sent,
    NothingToSend,
    Skipped,
    Poisoned,
}
