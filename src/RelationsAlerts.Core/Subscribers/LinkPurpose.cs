namespace RelationsAlerts.Core.Subscribers;

/// <summary>What a signed link may do; a token for one purpose never works for another.</summary>
public enum LinkPurpose
{
    Confirm,
    Manage,
    Unsubscribe,
}
