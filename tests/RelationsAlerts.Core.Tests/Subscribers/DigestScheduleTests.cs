using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Tests.Subscribers;

public sealed class DigestScheduleTests
{
    [Theory]
    // Karachi is UTC+5 all year: 08:00 local = 03:00 UTC.
    [InlineData("Asia/Karachi", 8, "2026-11-23T04:00:00Z", "2026-11-23T03:00:00Z")]
    [InlineData("Asia/Karachi", 8, "2026-11-23T02:59:59Z", "2026-11-22T03:00:00Z")]
    // Minsk is UTC+3 all year.
    [InlineData("Europe/Minsk", 9, "2026-11-23T06:00:00Z", "2026-11-23T06:00:00Z")]
    // New York: 08:00 EDT = 12:00 UTC before the change (1 Nov 2026), 08:00 EST = 13:00 UTC after.
    [InlineData("America/New_York", 8, "2026-10-31T12:30:00Z", "2026-10-31T12:00:00Z")]
    [InlineData("America/New_York", 8, "2026-11-02T13:30:00Z", "2026-11-02T13:00:00Z")]
    public void LatestOccurrence_UsesSubscribersZone_AcrossDst(string zone, int hour, string now, string expected)
    {
        // Arrange
        var subscriber = Subscriber(DigestFrequency.Daily, zone, hour);

        // Act
        var occurrence = DigestSchedule.LatestOccurrence(subscriber, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        // Assert
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), occurrence);
    }

    [Fact]
    public void LatestOccurrence_MovesNonexistentLocalHourForward_OnSpringForward()
    {
        // Arrange: 8 March 2026, New York clocks jump from 02:00 to 03:00; 02:00 does not exist.
        var subscriber = Subscriber(DigestFrequency.Daily, "America/New_York", 2);

        // Act
        var occurrence = DigestSchedule.LatestOccurrence(subscriber, new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero));

        // Assert: 03:00 EDT = 07:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), occurrence);
    }

    [Fact]
    public void LatestOccurrence_FindsLastWeeklyDay()
    {
        // Arrange: Monday 23 Nov 2026; weekly on Friday at 10:00 Karachi.
        var subscriber = Subscriber(DigestFrequency.Weekly, "Asia/Karachi", 10) with { WeeklyDay = DayOfWeek.Friday };

        // Act
        var occurrence = DigestSchedule.LatestOccurrence(subscriber, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 5, 0, 0, TimeSpan.Zero), occurrence);
    }

    [Fact]
    public void LatestOccurrence_IsNull_ForInstantSubscribers()
    {
        // Assert
        Assert.Null(DigestSchedule.LatestOccurrence(Subscriber(DigestFrequency.Instant, "UTC", 8), DateTimeOffset.UnixEpoch.AddYears(50)));
    }

    private static Subscriber Subscriber(DigestFrequency frequency, string zone, int hour) =>
        new() { Id = "s-1", Email = "a@example.com", Frequency = frequency, TimeZone = zone, PreferredHour = hour, Sectors = ["trade"] };
}
