using System.Globalization;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Web;

/// <summary>What the sign-up and preference forms show and post, as strings, so a rejected post re-renders as typed.</summary>
internal sealed record SubscriptionFormValues(
    string Email,
    IReadOnlyList<string> Sectors,
    string Frequency,
    string TimeZone,
    string PreferredHour,
    string WeeklyDay)
{
    public const string DefaultTimeZone = "UTC";

    public static SubscriptionFormValues Default { get; } =
        new("", [], "daily", DefaultTimeZone, "8", nameof(DayOfWeek.Monday));

    public static SubscriptionFormValues From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(
            form["email"].ToString().Trim(),
            [.. form["sectors"].OfType<string>()],
            form["frequency"].ToString(),
            form["timeZone"].ToString(),
            form["preferredHour"].ToString(),
            form["weeklyDay"].ToString());
    }

    public static SubscriptionFormValues From(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return new(
            "",
            subscriber.Sectors,
            subscriber.Frequency.ToString().ToLowerInvariant(),
            subscriber.TimeZone,
            subscriber.PreferredHour.ToString(CultureInfo.InvariantCulture),
            subscriber.WeeklyDay.ToString());
    }

    /// <summary>The request the JSON API would have received, so both validate alike.</summary>
    public SubscriptionRequest ToRequest()
    {
        // An hour that is not a number fails the same range check as 25 does.
        int? hour = PreferredHour.Length == 0 ? null
            : int.TryParse(PreferredHour, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        return new SubscriptionRequest(
            Email.Length == 0 ? null : Email,
            [.. Sectors],
            Frequency.Length == 0 ? null : Frequency,
            TimeZone.Length == 0 ? null : TimeZone,
            hour,
            WeeklyDay.Length == 0 ? null : WeeklyDay);
    }
}
