namespace RelationsAlerts.Core.Subscribers;

/// <summary>Result of a link-driven subscription action.</summary>
public sealed record SubscriptionOutcome(bool Succeeded, string Message, Subscriber? Subscriber = null)
{
    public static SubscriptionOutcome Fail(string message) => new(false, message);
}
