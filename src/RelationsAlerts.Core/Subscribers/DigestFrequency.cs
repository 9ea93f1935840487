namespace RelationsAlerts.Core.Subscribers;

public enum DigestFrequency
{
    Instant,
    Daily,
    Weekly,
}
