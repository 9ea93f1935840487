using System.Net;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Subscribers;

/// <summary>Public endpoints are rate limited per client address, with a problem+json answer.</summary>
public sealed class RateLimitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task PublicEndpoints_Return429_PastTheLimit()
    {
        // Arrange
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "dq-rate", new Dictionary<string, string?> { ["RateLimits:PublicPermitsPerMinute"] = "2" });
        var body = new { email = "not-an-email", sectors = new[] { "trade" }, frequency = "daily", timeZone = "UTC" };

        // Act
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await host.Client.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative), body, TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        // Assert
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", last!.Content.Headers.ContentType?.MediaType);
    }
}
