using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using RelationsAlerts.App.Admin;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using static RelationsAlerts.App.Tests.Admin.AdminTesting;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>The API key on every admin endpoint, key rotation, start-up validation, and the admin error format.</summary>
public sealed class AdminAuthTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string NextKey = "next-admin-key-" + new string('k', 40);

    private AppHost host = null!;

    public static TheoryData<string, string> AdminEndpoints { get; } = new()
    {
        { "GET", "/api/admin/topics" },
        { "GET", "/api/admin/topics/trade" },
        { "POST", "/api/admin/topics" },
        { "PUT", "/api/admin/topics/trade" },
        { "DELETE", "/api/admin/topics/trade" },
        { "GET", "/api/admin/feeds" },
        { "GET", "/api/admin/feeds/f-1" },
        { "POST", "/api/admin/feeds" },
        { "PUT", "/api/admin/feeds/f-1" },
        { "DELETE", "/api/admin/feeds/f-1" },
        { "POST", "/api/admin/feeds/f-1/pause" },
        { "POST", "/api/admin/feeds/f-1/resume" },
        { "POST", "/api/admin/feeds/f-1/poll" },
        { "POST", "/api/admin/poll" },
        { "GET", "/api/admin/stats" },
    };

    public async ValueTask InitializeAsync() =>
        host = await StartAsync(azurite, new Dictionary<string, string?> { ["Admin:ApiKeys:1"] = NextKey });

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_Returns401Problem_WithoutKey(string method, string path)
    {
        // Arrange
        using var client = Client(host, key: null);

        // Act
        var response = await SendAsync(client, method, path);

        // Assert
        await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_Returns401Problem_WithWrongKey(string method, string path)
    {
        // Arrange
        using var client = Client(host, key: ApiKey[..^1] + "X");

        // Act
        var response = await SendAsync(client, method, path);

        // Assert
        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminEndpoint_AcceptsEveryConfiguredKey_ForRotation()
    {
        // Arrange
        using var current = Client(host);
        using var rotated = Client(host, NextKey);
        using var other = Client(host, AppHost.AdminApiKey);

        // Act
        var first = await current.GetAsync(Url("/api/admin/feeds"), TestContext.Current.CancellationToken);
        var second = await rotated.GetAsync(Url("/api/admin/feeds"), TestContext.Current.CancellationToken);
        var third = await other.GetAsync(Url("/api/admin/feeds"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
    }

    [Theory]
    [InlineData(HostingMode.FunctionsHost, "")]
    [InlineData(HostingMode.Standalone, "")]
    [InlineData(HostingMode.FunctionsHost, "short-key-31-characters-long-xx")]
    public async Task Start_FailsNamingTheSetting_WhenNoUsableKeyInServeMode(HostingMode mode, string key)
    {
        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AppHost.StartAsync(
            azurite.ConnectionString, "dq-" + Guid.NewGuid().ToString("N")[..12], new Dictionary<string, string?> { ["Admin:ApiKeys:0"] = key }, mode: mode));

        // Assert
        Assert.Contains("Admin:ApiKeys", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Length > 0 ? key : "\u0000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Succeeds_WithoutKeyInRunOnceMode()
    {
        // Arrange
        var config = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString, ["Admin:ApiKeys:0"] = "" };

        // Act
        await using var app = RelationsAlertsBuilder.Build([], HostingMode.RunOnce, config);
        await app.StartAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.True(app.Services.GetRequiredService<IOptions<AdminOptions>>().Value.Enabled);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AdminDisabled_StartsWithoutKey_AndMapsNoAdminEndpoints()
    {
        // Arrange
        await using var disabled = await AppHost.StartAsync(
            azurite.ConnectionString, "dq-" + Guid.NewGuid().ToString("N")[..12], new Dictionary<string, string?> { ["Admin:Enabled"] = "false", ["Admin:ApiKeys:0"] = "" });

        // Act
        var response = await disabled.Client.GetAsync(Url("/api/admin/feeds"), TestContext.Current.CancellationToken);

        // Assert
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdminEndpoint_Returns413Problem_WhenBodyOver64KB()
    {
        // Arrange
        using var client = Client(host);
        var json = "{\"id\":\"big-topic\",\"displayName\":\"Big\",\"description\":\"" + new string('x', 70 * 1024) + "\",\"include\":{\"en\":[\"x\"]}}";

        // Act
        var response = await client.PostAsync(Url("/api/admin/topics"), new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        // Assert
        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task UnknownAdminRoute_Returns404Problem()
    {
        // Arrange
        using var client = Client(host);

        // Act
        var response = await client.GetAsync(Url("/api/admin/nothing-here"), TestContext.Current.CancellationToken);

        // Assert
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Url(path));
        if (method is "POST" or "PUT")
        {
            request.Content = Json(new { });
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
