namespace RelationsAlerts.Core.Subscribers;

/// <summary>What a subscriber chooses: sectors, how often, and when in their own time zone.</summary>
public sealed record SubscriptionPreferences(
    IReadOnlyList<string> Sectors,
    DigestFrequency Frequency,
    string TimeZone,
    int PreferredHour = 8,
    DayOfWeek WeeklyDay = DayOfWeek.Monday)
{
    public Subscriber ApplyTo(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return subscriber with
        {
            Sectors = Sectors,
            Frequency = Frequency,
            TimeZone = TimeZone,
            PreferredHour = PreferredHour,
            WeeklyDay = WeeklyDay,
        };
    }

    public static SubscriptionPreferences Of(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return new(subscriber.Sectors, subscriber.Frequency, subscriber.TimeZone, subscriber.PreferredHour, subscriber.WeeklyDay);
    }
}
