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

    [Fact]
    public async Task UnderTheFunctionsHost_EachClientHasItsOwnLimit_FromTheForwardedAddress()
    {
        // Arrange: the Functions host forwards every request from loopback; the front end appends the client's address
        // to X-Forwarded-For (a client may send its own entries before it, which must not count).
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "dq-rate-fwd", new Dictionary<string, string?> { ["RateLimits:PublicPermitsPerMinute"] = "2" });
        var body = new { email = "not-an-email", sectors = new[] { "trade" }, frequency = "daily", timeZone = "UTC" };

        async Task<HttpStatusCode> PostAsync(string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/subscriptions", UriKind.Relative)) { Content = JsonContent.Create(body) };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        // Act: one client spends its limit (varying the entries it controls); another is still served.
        var first = new List<HttpStatusCode>();
        foreach (var spoofed in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            first.Add(await PostAsync($"{spoofed}, 203.0.113.10"));
        }

        var second = await PostAsync("203.0.113.20");

        // Assert
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
    }
}
