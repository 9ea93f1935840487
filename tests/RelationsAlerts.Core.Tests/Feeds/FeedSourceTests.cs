using RelationsAlerts.Core.Feeds;

namespace RelationsAlerts.Core.Tests.Feeds;

public sealed class FeedSourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<int?, bool, bool> DueCases { get; } = new()
    {
        { null, false, true }, // never polled
        { -1, false, true }, // next poll in the past
        { 0, false, true }, // next poll now
        { 1, false, false }, // next poll in the future
        { null, true, false }, // paused wins over "never polled"
        { -1, true, false }, // paused wins over "overdue"
    };

    [Theory]
    [MemberData(nameof(DueCases))]
    public void IsDue_FollowsNextPollAt_UnlessPaused(int? nextPollInMinutes, bool paused, bool expected)
    {
        // Arrange
        var state = new FeedState { NextPollAt = nextPollInMinutes is { } m ? Now.AddMinutes(m) : null };
        var feed = new FeedSource("f-1", new Uri("https://news.example.org/rss.xml"), "Example", state) { Paused = paused };

        // Act
        var due = feed.IsDue(Now);

        // Assert
        Assert.Equal(expected, due);
    }
}
