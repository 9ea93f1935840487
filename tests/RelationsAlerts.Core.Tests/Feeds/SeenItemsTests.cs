using RelationsAlerts.Core.Feeds;

namespace RelationsAlerts.Core.Tests.Feeds;

public sealed class SeenItemsTests
{
    private static readonly string[] Ids =
    [
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
    ];

    [Fact]
    public void Of_ThenContains_FindsEveryRememberedId_AndNoOther()
    {
        // Act
        var seen = SeenItems.Parse(SeenItems.Of([.. Ids, Ids[0]]));

        // Assert
        Assert.Equal(2, seen.Count);
        Assert.All(Ids, id => Assert.True(SeenItems.Contains(seen, id)));
        Assert.False(SeenItems.Contains(seen, "0123456789abcdee" + Ids[0][16..]));
    }

    [Fact]
    public void Of_KeepsTheFirstMaxIds_AndIsNullForNone()
    {
        // Arrange
        var many = Enumerable.Range(0, SeenItems.Max + 50).Select(i => i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 48)).ToList();

        // Act
        var seen = SeenItems.Parse(SeenItems.Of(many));

        // Assert
        Assert.Equal(SeenItems.Max, seen.Count);
        Assert.True(SeenItems.Contains(seen, many[0]));
        Assert.False(SeenItems.Contains(seen, many[^1]));
        Assert.Null(SeenItems.Of([]));
        Assert.Empty(SeenItems.Parse(null));
        Assert.False(SeenItems.Contains(SeenItems.Parse(""), Ids[0]));
    }
}
