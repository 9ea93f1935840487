using Microsoft.Extensions.DependencyInjection;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Fetching;
using RelationsAlerts.Core.Parsing;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Tests.Security;

/// <summary>Named attacks not covered elsewhere (XXE, billion laughs, nesting, gzip bombs and redirects have their own tests).</summary>
[Trait("Category", "Security")]
public sealed class NamedAttackTests
{
    [Theory]
    [InlineData("reader@example.com\r\nBcc: victim@example.com")]
    [InlineData("reader@example.com\nSubject: spoof")]
    [InlineData("\"x\r\ny\"@example.com")]
    [InlineData("reader@example.com, other@example.com")]
    public void SubscriptionRequest_RejectsHeaderInjection_InEmail(string email)
    {
        // Act
        var errors = new SubscriptionRequest(email, ["trade"], "daily", "UTC", 8, null).Validate(DefaultTopics.Ids);

        // Assert
        Assert.True(errors.ContainsKey("email"));
    }

    [Fact]
    public void ParsedTitle_LosesRightToLeftOverride()
    {
        // Arrange: "exe.gnp" displayed reversed would read as a harmless ".png".
        var xml = "<rss version=\"2.0\"><channel><item><title>Invoice \u202Egnp.exe</title><link>https://example.org/a</link></item></channel></rss>"u8.ToArray();

        // Act
        var item = FeedParser.Parse(xml, null, new Uri("https://example.org/feed")).Items.Single();

        // Assert
        Assert.Equal("Invoice gnp.exe", item.Title);
    }

    [Fact]
    public async Task FeedFetcher_RefusesHostNameResolvingToLoopback_WhenLoopbackNotAllowed()
    {
        // Arrange: the URL names a host, not an address; the guard checks what the name resolves to.
        var services = new ServiceCollection();
        services.AddOptions<FetchOptions>().Configure(o => o.AllowLoopback = false);
        services.AddRelationsAlertsCore();
        using var provider = services.BuildServiceProvider();
        var feed = new FeedSource("f", new Uri("http://localhost:9/feed.xml"), "local", FeedState.Initial);

        // Act
        var result = await provider.GetRequiredService<FeedFetcher>().FetchAsync(feed, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(FetchFailureKind.Blocked, Assert.IsType<FetchResult.Failed>(result).Kind);
    }
}
