using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Tests.Digests;

public sealed class DigestBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_ShowsOneEntryPerStory_HeadedByEarliestReport()
    {
        // Arrange
        var items = new[]
        {
            Item("late", "st-forum", -1, "Lahore Ledger"),
            Item("early", "st-forum", -20, "Business Chronicle"),
            Item("copy", "st-forum", -10, "Business Chronicle"),
            Item("middle", "st-forum", -5, null) with { Link = new Uri("https://delovoy-minsk.example/a") },
            Item("alone", null, -3, "Indus Herald"),
        };

        // Act
        var digest = DigestBuilder.Build("d1", Now, Subscriber(), items, DefaultTopics.All);

        // Assert
        var section = Assert.Single(digest.Sections);
        Assert.Equal(2, digest.ItemCount);
        Assert.Equal(["alone", "early"], section.Items.Select(i => i.Id));
        Assert.Equal(["delovoy-minsk.example", "Lahore Ledger"], section.OtherOutlets(section.Items[1]));
        Assert.Empty(section.OtherOutlets(section.Items[0]));
    }

    [Fact]
    public void Renderers_ListOtherOutlets()
    {
        // Arrange
        var digest = DigestBuilder.Build("d1", Now, Subscriber(), [Item("a", "st-1", -2, "Karachi Post"), Item("b", "st-1", -1, "Деловой Минск")], DefaultTopics.All);

        // Act
        var text = DigestRenderer.Text(digest);
        var html = DigestRenderer.Html(digest);

        // Assert
        Assert.Contains("Also reported by: Деловой Минск", text, StringComparison.Ordinal);
        Assert.Contains("Also reported by: Деловой Минск", html, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("* ").Length - 1);
    }

    private static Subscriber Subscriber() => new()
    {
        Id = "s1",
        Email = "reader@example.com",
        Sectors = ["trade"],
        Status = SubscriberStatus.Active,
    };

    private static NewsItem Item(string id, string? story, double hours, string? source) => new()
    {
        Id = id,
        FeedId = "f",
        Title = $"Pakistan-Belarus business forum yields deals ({id})",
        Source = source,
        PublishedAt = Now.AddHours(hours),
        FirstSeenAt = Now.AddHours(hours + 1),
        Sectors = ["trade"],
        StoryId = story,
    };
}
