using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Subscribers;

/// <summary>Sign-up body (JSON). The same fields come from the HTML form.</summary>
public sealed record SubscribeRequest(string? Email, string[]? Sectors, string? Frequency, string? TimeZone, int? PreferredHour, string? WeeklyDay)
{
    public SubscriptionRequest ToCore() => new(Email?.Trim(), Sectors, Frequency, TimeZone, PreferredHour, WeeklyDay);
}

/// <summary>The preferences as shown to their owner (never includes the address).</summary>
public sealed record PreferencesResponse(string[] Sectors, string Frequency, string TimeZone, int PreferredHour, string WeeklyDay)
{
    public static PreferencesResponse From(Subscriber subscriber) => new(
        [.. subscriber.Sectors], subscriber.Frequency.ToString().ToLowerInvariant(), subscriber.TimeZone, subscriber.PreferredHour, subscriber.WeeklyDay.ToString());
}

public sealed record TokenRequest(string? Token);

public sealed record MessageResponse(string Message);
