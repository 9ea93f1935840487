using System.Globalization;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Parsing;

public sealed class FeedDateParserTests
{
    [Theory]
    [InlineData("Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21+00:00")]
    [InlineData("Thu, 01 Jan 2004 19:48:21 gmt", "2004-01-01T19:48:21+00:00")]
    [InlineData("Thu, 01 Jan 2004 19:48:21 UT", "2004-01-01T19:48:21+00:00")]
    [InlineData("  Thu, 01 Jan 2004 19:48:21 GMT  ", "2004-01-01T19:48:21+00:00")]
    [InlineData("Thu, 01 Jan 2004 19:48:21 +0500", "2004-01-01T19:48:21+05:00")]
    [InlineData("Thu, 01 Jan 2004 19:48:21 -0800", "2004-01-01T19:48:21-08:00")]
    [InlineData("Thu, 01 Jan 2004 19:48:21 +05:00", "2004-01-01T19:48:21+05:00")]
    [InlineData("Thu, 01 Jan 2004 19:48:21 PKT", "2004-01-01T19:48:21+05:00")]
    [InlineData("Thu, 01 Jan 2004 19:48:21 MSK", "2004-01-01T19:48:21+03:00")]
    [InlineData("Thu, 01 Jan 2004 19:48:21 EST", "2004-01-01T19:48:21-05:00")]
    [InlineData("Thu, 01 Jan 2004 19:48:21 PST", "2004-01-01T19:48:21-08:00")]
    [InlineData("1 Jan 2004 19:48 GMT", "2004-01-01T19:48:00+00:00")]
    [InlineData("01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21+00:00")]
    [InlineData("Thursday, 1 January 2004 19:48:21 GMT", "2004-01-01T19:48:21+00:00")]
    [InlineData("Thu, 01 Jan 2004 19:48:21", "2004-01-01T19:48:21+00:00")]
    public void Parse_ReturnsInstantAndOffset_ForRfc822(string value, string expected) => AssertParsed(value, expected);

    [Theory]
    [InlineData("2004-01-01T19:48:21Z", "2004-01-01T19:48:21+00:00")]
    [InlineData("2004-01-01T19:48:21z", "2004-01-01T19:48:21+00:00")]
    [InlineData("2004-01-01T19:48:21+05:00", "2004-01-01T19:48:21+05:00")]
    [InlineData("2004-01-01T19:48:21-03:30", "2004-01-01T19:48:21-03:30")]
    [InlineData("2004-01-01T19:48:21+0300", "2004-01-01T19:48:21+03:00")]
    [InlineData("2004-01-01T19:48:21.123Z", "2004-01-01T19:48:21.123+00:00")]
    [InlineData("2004-01-01T19:48:21.1234567+05:00", "2004-01-01T19:48:21.1234567+05:00")]
    [InlineData("2004-01-01T19:48Z", "2004-01-01T19:48:00+00:00")]
    [InlineData("2004-01-01T19:48:21", "2004-01-01T19:48:21+00:00")]
    [InlineData("2004-01-01 19:48:21", "2004-01-01T19:48:21+00:00")]
    [InlineData("2004-01-01", "2004-01-01T00:00:00+00:00")]
    public void Parse_ReturnsInstantAndOffset_ForIso8601(string value, string expected) => AssertParsed(value, expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("1700000000")]
    [InlineData("Mon, 30 Feb 2026 10:00:00 GMT")]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("Thu, 01 Jan 2004 25:00:00 GMT")]
    [InlineData("yesterday at noon")]
    public void Parse_ReturnsNull_WhenNotADate(string? value)
    {
        // Act
        var parsed = FeedDateParser.Parse(value);

        // Assert
        Assert.Null(parsed);
    }

    internal static void AssertParsed(string value, string expected)
    {
        // Arrange
        var want = DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture);

        // Act
        var parsed = FeedDateParser.Parse(value);

        // Assert
        Assert.NotNull(parsed);
        Assert.Equal(want.UtcDateTime, parsed.Value.UtcDateTime);
        Assert.Equal(want.Offset, parsed.Value.Offset);
    }
}

/// <summary>Tests that change the process's local time zone; they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalTimeZoneCollection
{
    public const string Name = "Local time zone";
}

[Collection(LocalTimeZoneCollection.Name)]
public sealed class FeedDateParserLocalZoneTests
{
    [Theory]
    [InlineData("Asia/Karachi", "2004-01-01T19:48:21", "2004-01-01T19:48:21+00:00")]
    [InlineData("Asia/Karachi", "2004-01-01", "2004-01-01T00:00:00+00:00")]
    [InlineData("Asia/Karachi", "Thu, 01 Jan 2004 19:48:21", "2004-01-01T19:48:21+00:00")]
    [InlineData("Asia/Karachi", "Thu, 01 Jan 2004 19:48:21 EST", "2004-01-01T19:48:21-05:00")]
    [InlineData("America/New_York", "2004-01-01T19:48:21", "2004-01-01T19:48:21+00:00")]
    [InlineData("America/New_York", "Thu, 01 Jan 2004 19:48:21 PKT", "2004-01-01T19:48:21+05:00")]
    public void Parse_IgnoresMachineZone_WhenLocalZoneIsNotUtc(string zone, string value, string expected)
    {
        // Arrange
        var saved = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", zone);
        TimeZoneInfo.ClearCachedData();
        try
        {
            if (TimeZoneInfo.Local.BaseUtcOffset == TimeSpan.Zero)
            {
                Assert.Skip($"cannot switch the local time zone to {zone} on this platform (TZ is not honoured)");
            }

            // Act + Assert
            FeedDateParserTests.AssertParsed(value, expected);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", saved);
            TimeZoneInfo.ClearCachedData();
        }
    }
}
