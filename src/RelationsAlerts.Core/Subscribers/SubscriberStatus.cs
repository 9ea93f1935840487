namespace RelationsAlerts.Core.Subscribers;

public enum SubscriberStatus
{
    Pending,
    Active,
    Unsubscribed,
    Suppressed,
}
