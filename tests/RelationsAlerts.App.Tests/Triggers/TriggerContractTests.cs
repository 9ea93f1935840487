using System.Net;
using System.Text.Json;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Triggers;

/// <summary>The custom-handler protocol, with the payloads the Functions host really sends.</summary>
public sealed class TriggerContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly string queueName = "dq-" + Guid.NewGuid().ToString("N")[..12];
    private AppHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await AppHost.StartAsync(azurite.ConnectionString, queueName);
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task GetRoot_AnswersReadinessProbe()
    {
        // Act
        var response = await host.Client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostPollFeeds_ReturnsInvocationResult_ForTimerPayload()
    {
        // Act
        var response = await host.Client.PostAsync(new Uri("/PollFeeds", UriKind.Relative), Invocations.Json(Invocations.Timer()), TestContext.Current.CancellationToken);

        // Assert
        var body = await AssertInvocationResultAsync(response, HttpStatusCode.OK);
        Assert.Contains("PollFeeds: feeds:", body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostSendDigest_SendsOnce_ForBinaryThenDoubleEncodedDuplicate()
    {
        // Arrange
        var (_, message) = await TestData.DigestReadyAsync(host.Services, DateTimeOffset.UtcNow);

        // Act
        var first = await host.Client.PostAsync(new Uri("/SendDigest", UriKind.Relative), Invocations.Json(Invocations.QueueBinary(message)), TestContext.Current.CancellationToken);
        var duplicate = await host.Client.PostAsync(new Uri("/SendDigest", UriKind.Relative), Invocations.Json(Invocations.QueueDoubleEncoded(message, 2)), TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("Sent: 1 items", (await AssertInvocationResultAsync(first, HttpStatusCode.OK)).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("attempt 2): Skipped", (await AssertInvocationResultAsync(duplicate, HttpStatusCode.OK)).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(host.MailDirectory, "*.eml"));
    }

    [Fact]
    public async Task PostSendDigest_AcceptsDoubleEncodedStringForm()
    {
        // Arrange
        var (_, message) = await TestData.DigestReadyAsync(host.Services, DateTimeOffset.UtcNow);

        // Act
        var response = await host.Client.PostAsync(new Uri("/SendDigest", UriKind.Relative), Invocations.Json(Invocations.QueueDoubleEncoded(message)), TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("Sent: 1 items", (await AssertInvocationResultAsync(response, HttpStatusCode.OK)).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bm90IGpzb24=")] // base64 of "not json"
    [InlineData("eyJ2ZXJzaW9uIjo5OSwiZGlnZXN0SWQiOiJ4Iiwic3Vic2NyaWJlcklkIjoieSIsInVudGlsIjoiMjAyNi0wMS0wMVQwMDowMDowMFoifQ==")] // version 99
    public async Task PostSendDigest_PoisonsMalformedMessage_WithoutFailingTheInvocation(string base64)
    {
        // Arrange
        var poison = azurite.QueueServiceClient().GetQueueClient(queueName + "-poison");
        var before = (await poison.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount;

        // Act
        var response = await host.Client.PostAsync(new Uri("/SendDigest", UriKind.Relative), Invocations.Json(Invocations.QueueBinary(Convert.FromBase64String(base64))), TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("Poisoned", (await AssertInvocationResultAsync(response, HttpStatusCode.OK)).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, (await poison.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task PostSendDigest_Returns500WithJson_WhenStorageIsUnreachable()
    {
        // Arrange: a storage endpoint nothing listens on.
        var dead = azurite.ConnectionString.Replace($":{azurite.TablePort}/", ":1/", StringComparison.Ordinal).Replace($":{azurite.QueuePort}/", ":1/", StringComparison.Ordinal);
        await using var broken = await AppHost.StartAsync(dead, queueName, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" });
        var message = System.Text.Encoding.UTF8.GetBytes("""{"version":1,"digestId":"d","subscriberId":"s","until":"2026-11-23T00:00:00Z"}""");

        // Act
        var response = await broken.Client.PostAsync(new Uri("/SendDigest", UriKind.Relative), Invocations.Json(Invocations.QueueBinary(message)), TestContext.Current.CancellationToken);

        // Assert: non-2xx makes the host retry and, after maxDequeueCount, poison the message.
        var body = await AssertInvocationResultAsync(response, HttpStatusCode.InternalServerError);
        Assert.Contains("SendDigest failed", body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetApiHealth_ReportsFunctionsHostMode()
    {
        // Act
        var body = await host.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(nameof(HostingMode.FunctionsHost), body.GetProperty("mode").GetString());
    }

    private static async Task<JsonElement> AssertInvocationResultAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("Logs").ValueKind);
        Assert.True(body.TryGetProperty("ReturnValue", out _));
        return body;
    }
}
