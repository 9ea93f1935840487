namespace RelationsAlerts.Core.Pipeline;

/// <summary>What handling one digest job did.</summary>
public sealed record DigestOutcome(DigestOutcomeKind Kind, string Detail, int Items = 0)
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
