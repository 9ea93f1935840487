using System.Diagnostics;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Email;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using WireMock.RequestBuilders;
using WireMock.Server;
using WmResponse = WireMock.ResponseBuilders.Response;

namespace RelationsAlerts.Azure.Tests.Email;

/// <summary>Our retry loop around the SendGrid client: 429 honours Retry-After, 5xx backs off, other 4xx are final.</summary>
public sealed class SendGridRetryTests : IDisposable
{
    private readonly WireMockServer server = WireMockServer.Start();

    public void Dispose()
    {
        server.Stop();
        server.Dispose();
    }

    [Fact]
    public async Task SendAsync_WaitsRetryAfter_Then_Succeeds_On429Then202()
    {
        // Arrange
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).InScenario("rate").WillSetStateTo("open")
            .RespondWith(WmResponse.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).InScenario("rate").WhenStateIs("open")
            .RespondWith(WmResponse.Create().WithStatusCode(202).WithHeader("X-Message-Id", "ok-1"));
        var stopwatch = Stopwatch.StartNew();

        // Act
        var receipt = await Sender(maxAttempts: 4).SendAsync(Mail(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("ok-1", receipt.MessageId);
        Assert.Equal(2, server.LogEntries.Count);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task SendAsync_StopsAfterMaxAttempts_On500Storm()
    {
        // Arrange
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(WmResponse.Create().WithStatusCode(500));

        // Act
        var error = await Assert.ThrowsAsync<MailSendException>(() => Sender(maxAttempts: 3).SendAsync(Mail(), TestContext.Current.CancellationToken));

        // Assert
        Assert.True(error.IsTransient);
        Assert.Equal(3, server.LogEntries.Count);
    }

    [Fact]
    public async Task SendAsync_DoesNotRetry_On400()
    {
        // Arrange
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(WmResponse.Create().WithStatusCode(400));

        // Act
        var error = await Assert.ThrowsAsync<MailSendException>(() => Sender(maxAttempts: 4).SendAsync(Mail(), TestContext.Current.CancellationToken));

        // Assert
        Assert.False(error.IsTransient);
        Assert.Single(server.LogEntries);
    }

    [Fact]
    public async Task SendAsync_LeavesLongRetryAfterToTheQueue()
    {
        // Arrange: asking for two minutes is longer than MaxDelay; the job fails now and the queue retries later.
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(WmResponse.Create().WithStatusCode(429).WithHeader("Retry-After", "120"));

        // Act
        var error = await Assert.ThrowsAsync<MailSendException>(() => Sender(maxAttempts: 4).SendAsync(Mail(), TestContext.Current.CancellationToken));

        // Assert
        Assert.True(error.IsTransient);
        Assert.Single(server.LogEntries);
    }

    private SendGridMailSender Sender(int maxAttempts) => new(
        new HttpClient(),
        Options.Create(new SendGridOptions
        {
            ApiKey = "SG.test", Host = server.Url, FromEmail = "digest@example.org",
            MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromSeconds(30),
        }),
        TimeProvider.System);

    private static OutgoingMail Mail() => new()
    {
        To = "reader@example.com", Subject = "s", Html = "<p>h</p>", Text = "t", IdempotencyKey = "d-1",
    };
}
