using System.Diagnostics;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Tests.Reliability;

/// <summary>
/// SendGrid misbehaving while digests go out: the real app (SendGrid client, sender retry loop, SendDigest job, digest
/// queue with the host.json dequeue rules, Azurite) against a stub that rate-limits, fails, stalls, resets or never
/// recovers. Every storm must end with each digest accepted at most once (exactly once when SendGrid recovers), subscriber
/// cursors and claims consistent, a bounded number of attempts and a bounded run time. Counted from the stub's request
/// bodies (recipients per request), not from job outcomes, so batching several recipients into one request is fine.
/// </summary>
[Trait("Category", "Fault")]
public sealed class SendGridStormTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Subscribers = 4;
    private const int MaxAttempts = 3;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>S1: 429s with Retry-After (one asking for longer than MaxDelay), then 202.</summary>
    [Fact]
    public async Task RateLimited_429WithRetryAfter_ThenAccepted_EachDigestOnce()
    {
        // Arrange: the first call asks for 120 s (more than MaxDelay: the send fails and the queue retries), the next
        // two for 1 s (waited in-process; fewer than MaxAttempts, so every retry of those two is the sender's own).
        using var stub = new SendGridStub(n => n switch
        {
            1 => new StubAnswer(429, RetryAfter: "120"),
            <= 3 => new StubAnswer(429, RetryAfter: "1"),
            _ => new StubAnswer(202),
        });
        await using var storm = await StartAsync(stub.Url);

        // Act
        var elapsed = await storm.DrainAsync();

        // Assert
        await AssertEachDigestAcceptedOnceAsync(storm, stub, attempts: stub.Attempts, elapsed, budget: TimeSpan.FromSeconds(20));
        Assert.Equal(3, stub.Calls.Count(c => c.Answer.Status == 429));
        // The next call for the same recipients came at least a second after the "Retry-After: 1" answer went out.
        var retriesAfterOneSecond = stub.Calls.GroupBy(c => c.RecipientKey)
            .SelectMany(g => g.OrderBy(c => c.ArrivedAt).Zip(g.OrderBy(c => c.ArrivedAt).Skip(1)))
            .Where(p => p.First.Answer is { Status: 429, RetryAfter: "1" })
            .Select(p => p.Second.ArrivedAt - p.First.AnsweredAt)
            .ToList();
        Assert.Equal(2, retriesAfterOneSecond.Count);
        Assert.All(retriesAfterOneSecond, gap => Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"retried after {gap}"));
    }

    /// <summary>S2: a run of 500/503, then 202.</summary>
    [Fact]
    public async Task ServerErrors_RunOf500And503_ThenAccepted_EachDigestOnce()
    {
        // Arrange: eight failures: more than one message's in-process attempts, so the queue retries too.
        using var stub = new SendGridStub(n => n <= 8 ? new StubAnswer(n % 2 == 0 ? 503 : 500) : new StubAnswer(202));
        await using var storm = await StartAsync(stub.Url);

        // Act
        var elapsed = await storm.DrainAsync();

        // Assert
        await AssertEachDigestAcceptedOnceAsync(storm, stub, attempts: stub.Attempts, elapsed, budget: TimeSpan.FromSeconds(20));
        Assert.Equal(8, stub.Calls.Count(c => c.Answer.Status >= 500));
    }

    /// <summary>S3: answers slower than SendGrid:RequestTimeout (SendGrid gave up too: a late 503), then 202.</summary>
    [Fact]
    public async Task Timeouts_AnswersLaterThanRequestTimeout_AreRetried_EachDigestOnce()
    {
        // Arrange: three calls are answered only after RequestTimeout + 2 s.
        using var stub = new SendGridStub(n => n <= 3 ? new StubAnswer(503, Delay: RequestTimeout + TimeSpan.FromSeconds(2)) : new StubAnswer(202));
        await using var storm = await StartAsync(stub.Url);

        // Act
        var elapsed = await storm.DrainAsync();
        await stub.WaitIdleAsync(TimeSpan.FromSeconds(10), Ct);

        // Assert: each stalled attempt was given up: the same recipients were tried again before the stalled answer
        // came, and the run waited out at least one RequestTimeout. (Not timed per call at the stub: an attempt's
        // timeout also covers serialising and connecting, which on a busy machine delays the first calls' arrival.)
        await AssertEachDigestAcceptedOnceAsync(storm, stub, attempts: stub.Attempts, elapsed, budget: TimeSpan.FromSeconds(20));
        var calls = stub.Calls;
        var stalled = calls.Where(c => c.Answer.Delay > TimeSpan.Zero).ToList();
        Assert.Equal(3, stalled.Count);
        Assert.All(stalled, s =>
        {
            var next = calls.Where(c => c.RecipientKey == s.RecipientKey && c.ArrivedAt > s.ArrivedAt).MinBy(c => c.ArrivedAt);
            Assert.NotNull(next);
            Assert.True(next.ArrivedAt < s.AnsweredAt, $"waited for the stalled answer ({s.AnsweredAt - s.ArrivedAt}) before retrying");
        });
        Assert.True(elapsed >= RequestTimeout, $"run took only {elapsed}");
    }

    /// <summary>
    /// S3b: SendGrid accepts but answers after we gave up. The sender cannot tell this from S3 (held, then refused), and
    /// for timeouts we chose "nothing lost" over "nothing twice" (docs/reliability.md, "The one ambiguous case"): the
    /// digest is retried, so the recipients of that one request get it twice, and no more than that.
    /// </summary>
    [Fact]
    public async Task Timeouts_AcceptedButAnsweredLate_AreRetried_NothingLost_DuplicatesBounded()
    {
        // Arrange
        using var stub = new SendGridStub(n => n == 1 ? new StubAnswer(202, Delay: RequestTimeout + TimeSpan.FromSeconds(1)) : new StubAnswer(202));
        await using var storm = await StartAsync(stub.Url);

        // Act
        var elapsed = await storm.DrainAsync();
        await stub.WaitIdleAsync(TimeSpan.FromSeconds(10), Ct);

        // Assert: every digest arrives; only the late-answered request's recipients see it twice.
        var accepted = stub.AcceptedPerRecipient();
        Assert.All(storm.Digests, d => Assert.InRange(accepted.GetValueOrDefault(d.Subscriber.Email), 1, 2));
        Assert.Equal(1, storm.Digests.Count(d => accepted.GetValueOrDefault(d.Subscriber.Email) == 2));
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"took {elapsed}");
    }

    /// <summary>S4: connections reset, answered with garbage, or closed without an answer, then 202.</summary>
    [Fact]
    public async Task ConnectionResetsAndMalformedResponses_AreRetried_EachDigestOnce()
    {
        // Arrange: the first five connections fail in three ways; faulted requests never reach SendGrid.
        ConnectionFault[] faults = [ConnectionFault.Reset, ConnectionFault.MalformedResponse, ConnectionFault.CloseWithoutResponse, ConnectionFault.Reset, ConnectionFault.MalformedResponse];
        using var stub = new SendGridStub(_ => new StubAnswer(202));
        await using var front = new TcpFaultFront(stub.Port, n => n <= faults.Length ? faults[n - 1] : ConnectionFault.None);
        await using var storm = await StartAsync(front.Url);

        // Act
        var elapsed = await storm.DrainAsync();

        // Assert
        Assert.Equal(faults.Length, front.Faulted);
        await AssertEachDigestAcceptedOnceAsync(storm, stub, attempts: front.Faulted + stub.Attempts, elapsed, budget: TimeSpan.FromSeconds(20));
    }

    /// <summary>S5: every answer is slow but within SendGrid:RequestTimeout: nothing is retried.</summary>
    [Fact]
    public async Task SlowButSuccessful_IsNotRetried_EachDigestOnce()
    {
        // Arrange
        using var stub = new SendGridStub(_ => new StubAnswer(202, Delay: TimeSpan.FromMilliseconds(700)));
        await using var storm = await StartAsync(stub.Url);

        // Act
        var elapsed = await storm.DrainAsync();

        // Assert: no call failed, so each one delivered new recipients.
        await AssertEachDigestAcceptedOnceAsync(storm, stub, attempts: stub.Attempts, elapsed, budget: TimeSpan.FromSeconds(20));
        Assert.All(stub.Calls, c => Assert.True(c.Accepted));
        Assert.True(stub.Attempts <= Subscribers, $"{stub.Attempts} calls for {Subscribers} digests");
    }

    /// <summary>S6: SendGrid answers 500 forever: bounded attempts, every message poisoned by the dequeue rule, nothing marked sent.</summary>
    [Fact]
    public async Task PermanentOutage_PoisonsEveryMessageWithinBound_AndMarksNothingSent()
    {
        // Arrange
        using var stub = new SendGridStub(_ => new StubAnswer(500));
        await using var storm = await StartAsync(stub.Url);

        // Act
        var elapsed = await storm.DrainAsync();

        // Assert
        var report = storm.Report("permanent outage", stub.Attempts, elapsed);
        Assert.Empty(stub.AcceptedPerRecipient());
        Assert.Equal(storm.Messages, await storm.PoisonCountAsync());
        Assert.Equal(0, await storm.QueueCountAsync());
        // Each digest was tried on each of its 5 deliveries (its duplicate message finds it claimed and waits), and no
        // delivery made more than MaxAttempts calls.
        Assert.InRange(stub.Attempts, storm.Digests.Count * storm.MaxDequeueCount, storm.MaxAttemptsBound);
        foreach (var (subscriber, _) in storm.Digests)
        {
            var stored = await storm.Store.GetAsync(subscriber.Id, Ct);
            Assert.Null(stored!.DigestInFlight);
            Assert.Null(stored.LastDigestUntil);
        }

        Assert.True(elapsed < TimeSpan.FromSeconds(30), report);
    }

    private static async Task AssertEachDigestAcceptedOnceAsync(Storm storm, SendGridStub stub, int attempts, TimeSpan elapsed, TimeSpan budget)
    {
        var report = storm.Report(TestContext.Current.Test?.TestDisplayName ?? "storm", attempts, elapsed);
        var accepted = stub.AcceptedPerRecipient();
        foreach (var (subscriber, request) in storm.Digests)
        {
            Assert.True(accepted.GetValueOrDefault(subscriber.Email) == 1, $"{subscriber.Email} accepted {accepted.GetValueOrDefault(subscriber.Email)} times; {report}");
            var stored = await storm.Store.GetAsync(subscriber.Id, Ct);
            Assert.Null(stored!.DigestInFlight);
            Assert.Equal(request.Until, stored.LastDigestUntil);
        }

        Assert.Equal(storm.Digests.Count, accepted.Count);
        Assert.Equal(0, await storm.QueueCountAsync());
        Assert.Equal(0, await storm.PoisonCountAsync());
        Assert.True(attempts <= storm.MaxAttemptsBound, report);
        Assert.True(elapsed < budget, report);
    }

    private async Task<Storm> StartAsync(string sendGridUrl)
    {
        var queueName = "storm-" + Guid.NewGuid().ToString("N")[..12];
        var host = await AppHost.StartAsync(azurite.ConnectionString, queueName, new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = "SG.test-key",
            ["SendGrid:Host"] = sendGridUrl,
            ["SendGrid:MaxAttempts"] = $"{MaxAttempts}",
            ["SendGrid:BaseDelay"] = "00:00:00.050",
            ["SendGrid:MaxDelay"] = "00:00:02",
            ["SendGrid:RequestTimeout"] = RequestTimeout.ToString(),
            // Failed messages come back after 1 s instead of 30; MaxDequeueCount stays at host.json's 5.
            ["Queue:VisibilityTimeout"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "None",
        });
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        var digests = new List<(Subscriber Subscriber, DigestRequest Request)>();
        for (var i = 0; i < Subscribers; i++)
        {
            var (subscriber, _) = await TestData.DigestReadyAsync(host.Services, now);
            digests.Add((subscriber, DigestRequest.For(subscriber.Id, now)));
        }

        // Every digest once, and the first one a second time, as an at-least-once queue may deliver it.
        List<DigestRequest> messages = [.. digests.Select(d => d.Request), digests[0].Request];
        await host.Services.GetRequiredService<IDigestQueue>().EnqueueAsync(messages, Ct);
        var queues = azurite.QueueServiceClient();
        return new Storm(host, queues.GetQueueClient(queueName), queues.GetQueueClient(queueName + "-poison"), digests, messages.Count);
    }

    private sealed class Storm(AppHost host, QueueClient queue, QueueClient poison, IReadOnlyList<(Subscriber Subscriber, DigestRequest Request)> digests, int messages)
        : IAsyncDisposable
    {
        public IReadOnlyList<(Subscriber Subscriber, DigestRequest Request)> Digests => digests;

        public int Messages => messages;

        public ISubscriberStore Store => host.Services.GetRequiredService<ISubscriberStore>();

        public int MaxDequeueCount => host.Services.GetRequiredService<IOptions<QueueOptions>>().Value.MaxDequeueCount;

        /// <summary>The most calls the rules allow: every delivery of every message (host.json's 5) × the sender's attempts.</summary>
        public int MaxAttemptsBound => messages * MaxDequeueCount * MaxAttempts;

        public async Task<long> QueueCountAsync() => (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount;

        public async Task<long> PoisonCountAsync() => (await poison.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount;

        /// <summary>Runs the standalone queue processor until the digest queue is empty (sent, skipped or poisoned).</summary>
        public async Task<TimeSpan> DrainAsync()
        {
            var processor = host.Services.GetRequiredService<DigestQueueProcessor>();
            var stopwatch = Stopwatch.StartNew();
            while (stopwatch.Elapsed < TimeSpan.FromSeconds(90))
            {
                await processor.ProcessBatchAsync(Ct);
                if (await QueueCountAsync() == 0)
                {
                    break;
                }

                await Task.Delay(100, Ct);
            }

            return stopwatch.Elapsed;
        }

        public string Report(string name, int attempts, TimeSpan elapsed)
        {
            var line = $"{name}: {attempts} attempts (bound {MaxAttemptsBound}) for {messages} messages / {digests.Count} digests, {elapsed.TotalSeconds:0.00} s";
            TestContext.Current.TestOutputHelper?.WriteLine(line);
            return line;
        }

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }
}
