namespace RelationsAlerts.Core.Subscribers;

/// <summary>
/// When a daily or weekly digest falls due, computed in the subscriber's own time zone. A local hour that does not
/// exist (spring-forward gap) moves to the next existing instant; an ambiguous one (fall-back) takes the first.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The latest scheduled instant at or before <paramref name="now"/>, or null for instant subscribers.</summary>
    public static DateTimeOffset? LatestOccurrence(Subscriber subscriber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (subscriber.Frequency == DigestFrequency.Instant || !TimeZoneInfo.TryFindSystemTimeZoneById(subscriber.TimeZone, out var zone))
        {
            return null;
        }

        var localToday = TimeZoneInfo.ConvertTime(now, zone).Date;
        for (var back = 0; back <= 8; back++)
        {
            var day = localToday.AddDays(-back);
            if (subscriber.Frequency == DigestFrequency.Weekly && day.DayOfWeek != subscriber.WeeklyDay)
            {
                continue;
            }

            var occurrence = ToUtc(day.AddHours(subscriber.PreferredHour), zone);
            if (occurrence <= now)
            {
                return occurrence;
            }
        }

        return null;
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }
}
