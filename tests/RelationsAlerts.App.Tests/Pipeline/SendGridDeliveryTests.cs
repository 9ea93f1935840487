using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using WireMock.RequestBuilders;
using WireMock.Server;
using WmResponse = WireMock.ResponseBuilders.Response;

namespace RelationsAlerts.App.Tests.Pipeline;

/// <summary>Digests through the real SendGrid client against a local stub: outages retry, nothing is sent twice.</summary>
public sealed class SendGridDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly WireMockServer sendGrid = WireMockServer.Start();
    private AppHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await AppHost.StartAsync(azurite.ConnectionString, "dq-" + Guid.NewGuid().ToString("N")[..12], new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = "SG.test-key",
            ["SendGrid:Host"] = sendGrid.Url,
            ["Queue:VisibilityTimeout"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "None",
        });
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        sendGrid.Stop();
        sendGrid.Dispose();
    }

    [Fact]
    public async Task Digest_IsRetriedAfterOutage_AndAcceptedExactlyOnce()
    {
        // Arrange: SendGrid fails once with 503, then accepts.
        var ct = TestContext.Current.CancellationToken;
        sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).InScenario("outage").WillSetStateTo("recovered")
            .RespondWith(WmResponse.Create().WithStatusCode(503));
        sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).InScenario("outage").WhenStateIs("recovered")
            .RespondWith(WmResponse.Create().WithStatusCode(202).WithHeader("X-Message-Id", "msg-1"));
        var (subscriber, message) = await TestData.DigestReadyAsync(host.Services, DateTimeOffset.UtcNow);
        var request = DigestRequestSerializer.TryDeserialize(message, out var parsed, out _) ? parsed! : throw new InvalidOperationException();
        var queue = host.Services.GetRequiredService<IDigestQueue>();
        await queue.EnqueueAsync([request, request], ct); // a duplicate message, as at-least-once queues deliver
        var processor = host.Services.GetRequiredService<DigestQueueProcessor>();

        // Act: process until the queue is empty (failed messages reappear after the 1 s visibility timeout).
        var outcomes = new List<Core.Pipeline.DigestOutcome>();
        for (var round = 0; round < 20 && outcomes.Count < 2; round++)
        {
            outcomes.AddRange(await processor.ProcessBatchAsync(ct));
            await Task.Delay(300, ct);
        }

        // Assert
        var posts = sendGrid.LogEntries.Where(e => e.RequestMessage.Path == "/v3/mail/send").ToList();
        Assert.Equal([503, 202], posts.Select(p => (int)p.ResponseMessage.StatusCode!));
        Assert.Single(outcomes, o => o.Kind == Core.Pipeline.DigestOutcomeKind.Sent);
        Assert.Single(outcomes, o => o.Kind == Core.Pipeline.DigestOutcomeKind.Skipped);
        Assert.Contains(subscriber.Email, posts[^1].RequestMessage.Body, StringComparison.Ordinal);
        var stored = await host.Services.GetRequiredService<ISubscriberStore>().GetAsync(subscriber.Id, ct);
        Assert.Null(stored!.DigestInFlight);
        Assert.Equal(request.Until, stored.LastDigestUntil);
    }
}
