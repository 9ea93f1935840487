using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;
using WireMock.RequestBuilders;
using WireMock.Server;
using WmResponse = WireMock.ResponseBuilders.Response;

namespace RelationsAlerts.App.Tests.Pipeline;

/// <summary>A job that runs longer than the queue's visibility timeout keeps its message hidden until it is done.</summary>
public sealed class QueueLeaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SlowJob_KeepsItsMessageHidden_AndDeletesItWhenDone()
    {
        // Arrange: SendGrid answers after 3 s; the visibility timeout is 1 s.
        var ct = TestContext.Current.CancellationToken;
        using var sendGrid = WireMockServer.Start();
        sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(WmResponse.Create().WithStatusCode(202).WithDelay(TimeSpan.FromSeconds(3)));
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "dq-" + Guid.NewGuid().ToString("N")[..12], new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = "SG.test-key",
            ["SendGrid:Host"] = sendGrid.Url,
            ["Queue:VisibilityTimeout"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "None",
        });
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(ct);
        var (subscriber, message) = await TestData.DigestReadyAsync(host.Services, DateTimeOffset.UtcNow);
        var request = DigestRequestSerializer.TryDeserialize(message, out var parsed, out _) ? parsed! : throw new InvalidOperationException();
        var queue = host.Services.GetRequiredService<IDigestQueue>();
        await queue.EnqueueAsync([request], ct);
        var processor = host.Services.GetRequiredService<DigestQueueProcessor>();

        // Act: a second worker polls twice while the first is still sending.
        var first = processor.ProcessBatchAsync(ct);
        await Task.Delay(1500, ct);
        var during = await processor.ProcessBatchAsync(ct);
        await Task.Delay(1000, ct);
        var later = await processor.ProcessBatchAsync(ct);
        var outcomes = await first;
        await Task.Delay(1500, ct);
        var after = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(1), ct);

        // Assert: only the first worker saw the message, it was sent once, and it is gone.
        Assert.Empty(during);
        Assert.Empty(later);
        Assert.Equal(DigestOutcomeKind.Sent, Assert.Single(outcomes).Kind);
        Assert.Single(sendGrid.LogEntries);
        Assert.Empty(after);
        Assert.Equal(request.Until, (await host.Services.GetRequiredService<ISubscriberStore>().GetAsync(subscriber.Id, ct))!.LastDigestUntil);
    }
}
