using System.Net.Mail;

namespace RelationsAlerts.Core.Subscribers;

/// <summary>A sign-up or preference change as submitted, before validation.</summary>
public sealed record SubscriptionRequest(string? Email, IReadOnlyList<string>? Sectors, string? Frequency, string? TimeZone, int? PreferredHour, string? WeeklyDay)
{
    /// <summary>Validates against the known sector ids; returns field → messages (empty when valid).</summary>
    public Dictionary<string, string[]> Validate(IReadOnlyCollection<string> sectorIds, bool requireEmail = true)
    {
        ArgumentNullException.ThrowIfNull(sectorIds);
        var errors = new Dictionary<string, string[]>();
        if (requireEmail && !IsValidEmail(Email))
        {
            errors["email"] = ["Enter a valid email address."];
        }

        if (Sectors is not { Count: > 0 } || Sectors.Count > sectorIds.Count || Sectors.Any(s => !sectorIds.Contains(s)))
        {
            errors["sectors"] = [$"Choose one or more of: {string.Join(", ", sectorIds)}."];
        }

        if (!Enum.TryParse<DigestFrequency>(Frequency, ignoreCase: true, out _) || int.TryParse(Frequency, out _))
        {
            errors["frequency"] = ["Frequency must be instant, daily or weekly."];
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _))
        {
            errors["timeZone"] = ["Use an IANA time zone such as Asia/Karachi."];
        }

        if (PreferredHour is < 0 or > 23)
        {
            errors["preferredHour"] = ["Hour must be between 0 and 23."];
        }

        if (WeeklyDay is not null && (!Enum.TryParse<DayOfWeek>(WeeklyDay, ignoreCase: true, out _) || int.TryParse(WeeklyDay, out _)))
        {
            errors["weeklyDay"] = ["Weekday must be a day name such as Monday."];
        }

        return errors;
    }

    /// <summary>The preferences; call only after <see cref="Validate"/> returned no errors.</summary>
    public SubscriptionPreferences ToPreferences() => new(
        [.. Sectors!.Distinct(StringComparer.Ordinal)],
        Enum.Parse<DigestFrequency>(Frequency!, ignoreCase: true),
        TimeZone!,
        PreferredHour ?? 8,
        WeeklyDay is null ? DayOfWeek.Monday : Enum.Parse<DayOfWeek>(WeeklyDay, ignoreCase: true));

    public static bool IsValidEmail(string? email) =>
        email is { Length: > 3 and <= 254 } && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email.Trim() && parsed.Host.Contains('.', StringComparison.Ordinal);
}
