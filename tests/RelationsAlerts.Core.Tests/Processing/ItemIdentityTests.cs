using RelationsAlerts.Core.Parsing;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Tests.Processing;

public sealed class ItemIdentityTests
{
    [Fact]
    public void Of_ReturnsSameId_WhenLinksDifferOnlyByTrackingParameters()
    {
        // Arrange
        var plain = Item(link: "https://www.aljazeera.com/news/2026/11/21/pakistan-belarus", id: "aj-1");
        var tracked = Item(link: "https://aljazeera.com/news/2026/11/21/pakistan-belarus/?traffic_source=rss&utm_source=x#top", id: "other-guid");

        // Act
        var a = ItemIdentity.Of(plain);
        var b = ItemIdentity.Of(tracked);

        // Assert
        Assert.Equal(a, b);
    }

    [Fact]
    public void Of_ReturnsDifferentIds_WhenLinksDiffer()
    {
        // Arrange
        var first = Item(link: "https://example.com/news/1", id: "same");
        var second = Item(link: "https://example.com/news/2", id: "same");

        // Act
        var a = ItemIdentity.Of(first);
        var b = ItemIdentity.Of(second);

        // Assert
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Of_UsesEntryId_WhenNoLink()
    {
        // Arrange
        var first = Item(link: null, id: "urn:uuid:1", title: "Headline A");
        var sameId = Item(link: null, id: "urn:uuid:1", title: "Headline B, edited");
        var otherId = Item(link: null, id: "urn:uuid:2", title: "Headline A");

        // Act
        var a = ItemIdentity.Of(first);
        var b = ItemIdentity.Of(sameId);
        var c = ItemIdentity.Of(otherId);

        // Assert
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Of_HashesNormalisedTitleAndSummary_WhenNoLinkAndNoId()
    {
        // Arrange
        var first = Item(link: null, id: null, title: "Pakistan, Belarus sign MoU", summary: "Trade deal.");
        var reformatted = Item(link: null, id: null, title: "PAKISTAN  Belarus sign MoU!", summary: "trade deal");
        var different = Item(link: null, id: null, title: "Pakistan, Belarus sign MoU on tractors", summary: "Trade deal.");

        // Act
        var a = ItemIdentity.Of(first);
        var b = ItemIdentity.Of(reformatted);
        var c = ItemIdentity.Of(different);

        // Assert
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Of_DoesNotCollide_AcrossKeyKinds()
    {
        // Arrange: an entry id equal to a canonical URL must not produce the URL's id.
        var byLink = Item(link: "https://example.com/a", id: null);
        var byId = Item(link: null, id: "example.com/a");

        // Act
        var a = ItemIdentity.Of(byLink);
        var b = ItemIdentity.Of(byId);

        // Assert
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Of_ReturnsLowerCaseSha256Hex()
    {
        // Act
        var id = ItemIdentity.Of(Item(link: "https://example.com/a", id: null));

        // Assert
        Assert.Matches("^[0-9a-f]{64}$", id);
    }

    private static ParsedItem Item(string? link, string? id, string title = "Title", string summary = "") => new()
    {
        Title = title,
        Summary = summary,
        EntryId = id,
        Link = link is null ? null : new Uri(link),
    };
}
