using System.Diagnostics;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Email;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Server;
using WmResponse = WireMock.ResponseBuilders.Response;

namespace RelationsAlerts.Azure.Tests.Email;

/// <summary>Our retry loop around the SendGrid client: 429 honours Retry-After, 5xx and slow answers back off (capped), other 4xx are final.</summary>
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

    [Fact]
    public async Task SendAsync_RetriesAfterRequestTimeout_WithoutWaitingForTheSlowAnswer()
    {
        // Arrange: the first request is answered only after 4 s; RequestTimeout is 1 s. (A scenario would not do: its state
        // moves on only once the delayed answer is written, so the retry would be delayed as well.)
        var calls = 0;
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(WmResponse.Create().WithCallback(async _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(4));
                return new ResponseMessage { StatusCode = 503 };
            }

            var accepted = new ResponseMessage { StatusCode = 202 };
            accepted.AddHeader("X-Message-Id", "ok-2");
            return (IResponseMessage)accepted;
        }));
        var sender = Sender(maxAttempts: 3, requestTimeout: TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        // Act
        var receipt = await sender.SendAsync(Mail(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("ok-2", receipt.MessageId);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(3.5));
    }

    [Fact]
    public async Task SendAsync_ThrowsTransient_WhenEveryAttemptTimesOut()
    {
        // Arrange
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(WmResponse.Create().WithStatusCode(202).WithDelay(TimeSpan.FromSeconds(5)));
        var sender = Sender(maxAttempts: 2, requestTimeout: TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        // Act
        var error = await Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(Mail(), TestContext.Current.CancellationToken));

        // Assert: two attempts of 1 s each, not 5 s each.
        Assert.True(error.IsTransient);
        Assert.Contains("RequestTimeout", error.Message, StringComparison.Ordinal);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(1800), TimeSpan.FromSeconds(4.5));
    }

    [Fact]
    public async Task SendAsync_CapsBackOffAtMaxDelay_AndStillMakesEveryAttempt()
    {
        // Arrange: a one-minute base delay (valid) with a 50 ms cap used to end the loop after the first attempt.
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(WmResponse.Create().WithStatusCode(500));
        var sender = Sender(maxAttempts: 3, baseDelay: TimeSpan.FromMinutes(1), maxDelay: TimeSpan.FromMilliseconds(50));
        var stopwatch = Stopwatch.StartNew();

        // Act
        var error = await Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(Mail(), TestContext.Current.CancellationToken));

        // Assert
        Assert.True(error.IsTransient);
        Assert.Equal(3, server.LogEntries.Count);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    private SendGridMailSender Sender(int maxAttempts, TimeSpan? requestTimeout = null, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null) => new(
        new HttpClient(),
        Options.Create(new SendGridOptions
        {
            ApiKey = "SG.test", Host = server.Url, FromEmail = "digest@example.org",
            MaxAttempts = maxAttempts, BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(20), MaxDelay = maxDelay ?? TimeSpan.FromSeconds(30),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
        }),
        TimeProvider.System);

    private static OutgoingMail Mail() => new()
    {
        To = "reader@example.com", Subject = "s", Html = "<p>h</p>", Text = "t", IdempotencyKey = "d-1",
    };
}
