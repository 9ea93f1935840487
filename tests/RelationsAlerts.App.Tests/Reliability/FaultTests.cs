using System.Text;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Tests.Reliability;

/// <summary>Faults injected into the real system; each test names the guarantee in docs/reliability.md it proves.</summary>
[Trait("Category", "Fault")]
public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>G1: a poll that dies half-way (storage outage) resumes on the next run; every item is stored exactly once.</summary>
    [Fact]
    public async Task Poll_ResumesAfterStorageOutageMidPoll_StoringEveryItemOnce()
    {
        // Arrange: storage behind a proxy we can cut; one feed's response is held until storage is gone.
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var tables = new OutageProxy(azurite.TablePort);
        await using var queues = new OutageProxy(azurite.QueuePort);
        var connection = azurite.ConnectionString
            .Replace($":{azurite.TablePort}/", $":{tables.Port}/", StringComparison.Ordinal)
            .Replace($":{azurite.QueuePort}/", $":{queues.Port}/", StringComparison.Ordinal);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = true;
        await using var feeds = await SampleFeedServer.StartAsync(async context =>
        {
            if (first && context.Request.Path.Value!.Contains("tribune", StringComparison.Ordinal))
            {
                first = false;
                held.SetResult();
                await release.Task;
            }
        });
        var settings = feeds.FeedSettings();
        settings["Logging:LogLevel:Default"] = "None";
        await using var host = await AppHost.StartAsync(connection, "digests", settings);
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(Ct);
        var job = host.Services.GetRequiredService<PollFeedsJob>();

        // Act: storage goes away while one feed is still downloading; the run fails; storage returns; the next run completes.
        var failing = Assert.ThrowsAnyAsync<Exception>(() => job.RunAsync(cancellationToken: Ct));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        tables.Cut();
        queues.Cut();
        release.SetResult();
        await failing;
        tables.Restore();
        queues.Restore();
        var second = await job.RunAsync(cancellationToken: Ct);
        var third = await job.RunAsync(cancellationToken: Ct);

        // Assert
        var stored = await host.Services.GetRequiredService<IItemStore>().ListSeenBetweenAsync(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(1), Ct);
        Assert.Equal(0, second.FeedsFailed);
        Assert.Equal(22, stored.Count);
        Assert.Equal(22, stored.Select(i => i.Id).Distinct().Count());
        Assert.Equal(0, third.ItemsNew);
    }

    /// <summary>G2: items stored but the process died before queuing digests: the ScheduleDigests sweep queues them, once.</summary>
    [Fact]
    public async Task DigestsAreQueuedBySweep_WhenPollDiedBeforeQueuing()
    {
        // Arrange: items in storage, nothing queued (as after a crash between the two steps).
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "digests");
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(Ct);
        var subscriber = TestData.Subscriber("trade");
        await host.Services.GetRequiredService<ISubscriberStore>().UpsertAsync(subscriber, Ct);
        await host.Services.GetRequiredService<IItemStore>().TryAddAsync(TestData.Item("trade", DateTimeOffset.UtcNow.AddMinutes(-3)), Ct);
        var sweep = host.Services.GetRequiredService<ScheduleDigestsJob>();

        // Act: the sweep runs twice before the queue is drained, then once more after.
        await sweep.RunAsync(Ct);
        await sweep.RunAsync(Ct);
        var outcomes = await DrainAsync(host);
        var after = await sweep.RunAsync(Ct);

        // Assert
        Assert.Single(outcomes, o => o.Kind == DigestOutcomeKind.Sent);
        Assert.Single(Mailbox.For(host.MailDirectory, subscriber.Email));
        Assert.Equal(0, after.DigestsQueued);
    }

    /// <summary>G3: a crash between "sent" and "recorded" leaves a claim; the retried job does not send again (at most once).</summary>
    [Fact]
    public async Task RetriedJob_DoesNotResend_WhenAPreviousAttemptDiedAfterClaiming()
    {
        // Arrange
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "digests");
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(Ct);
        var (subscriber, message) = await TestData.DigestReadyAsync(host.Services, DateTimeOffset.UtcNow);
        DigestRequestSerializer.TryDeserialize(message, out var request, out _);
        var store = host.Services.GetRequiredService<ISubscriberStore>();
        var stored = await store.GetAsync(subscriber.Id, Ct);
        await store.TryUpdateAsync(stored! with { DigestInFlight = request!.DigestId, DigestInFlightAt = DateTimeOffset.UtcNow.AddHours(-1) }, Ct);

        // Act
        var outcome = await host.Services.GetRequiredService<SendDigestJob>().HandleAsync(message, Ct);

        // Assert
        Assert.Equal(DigestOutcomeKind.Skipped, outcome.Kind);
        Assert.Empty(Mailbox.For(host.MailDirectory, subscriber.Email));
        var after = await store.GetAsync(subscriber.Id, Ct);
        Assert.Null(after!.DigestInFlight);
        Assert.Equal(request.Until, after.LastDigestUntil);
    }

    /// <summary>G4: two instances polling and sending at once: items stored once, each subscriber mailed once.</summary>
    [Fact]
    public async Task TwoInstances_PollAndSendConcurrently_WithoutDuplicates()
    {
        // Arrange
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var feeds = await SampleFeedServer.StartAsync();
        var settings = feeds.FeedSettings();
        settings["Logging:LogLevel:Default"] = "None";
        await using var a = await AppHost.StartAsync(azurite.ConnectionString, "digests", settings);
        await using var b = await AppHost.StartAsync(azurite.ConnectionString, "digests", settings);
        await a.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(Ct);
        await b.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(Ct);
        var subscribers = new[] { TestData.Subscriber("trade"), TestData.Subscriber("diplomacy"), TestData.Subscriber("agriculture") };
        foreach (var s in subscribers)
        {
            await a.Services.GetRequiredService<ISubscriberStore>().UpsertAsync(s, Ct);
        }

        // Act
        await Task.WhenAll(
            a.Services.GetRequiredService<PollFeedsJob>().RunAsync(cancellationToken: Ct),
            b.Services.GetRequiredService<PollFeedsJob>().RunAsync(cancellationToken: Ct));
        for (var round = 0; round < 10; round++)
        {
            await Task.WhenAll(DrainAsync(a), DrainAsync(b));
            await Task.Delay(200, Ct);
        }

        // Assert
        var stored = await a.Services.GetRequiredService<IItemStore>().ListSeenBetweenAsync(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(1), Ct);
        Assert.Equal(22, stored.Select(i => i.Id).Distinct().Count());
        Assert.Equal(22, stored.Count);
        foreach (var s in subscribers)
        {
            Assert.Single(Mailbox.For(a.MailDirectory, s.Email).Concat(Mailbox.For(b.MailDirectory, s.Email)));
        }
    }

    /// <summary>G5: corrupted, oversized, unknown-version and duplicate messages: bad ones poisoned, good ones sent once, queue keeps flowing.</summary>
    [Fact]
    public async Task BadMessages_ArePoisoned_WhileGoodOnesFlow()
    {
        // Arrange
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        // Failed messages reappear after 1 s: the duplicate that finds its twin mid-send is retried, then skipped.
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "digests", new Dictionary<string, string?> { ["Queue:VisibilityTimeout"] = "00:00:01" });
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(Ct);
        var (subscriber, good) = await TestData.DigestReadyAsync(host.Services, DateTimeOffset.UtcNow);
        var raw = azurite.QueueServiceClient().GetQueueClient("digests");
        foreach (var body in new[]
        {
            Encoding.UTF8.GetBytes("{not json"),
            Encoding.UTF8.GetBytes("{\"version\":7,\"digestId\":\"x\",\"subscriberId\":\"y\",\"until\":\"2026-01-01T00:00:00Z\"}"),
            Encoding.UTF8.GetBytes("{\"version\":1,\"digestId\":\"" + new string('x', 48_200) + "\"}"),
            good,
            good,
        })
        {
            await raw.SendMessageAsync(new BinaryData(body), cancellationToken: Ct);
        }

        // Act
        var outcomes = await DrainAsync(host, expected: 5);

        // Assert
        Assert.Equal(3, outcomes.Count(o => o.Kind == DigestOutcomeKind.Poisoned));
        Assert.Single(outcomes, o => o.Kind == DigestOutcomeKind.Sent);
        Assert.Single(outcomes, o => o.Kind == DigestOutcomeKind.Skipped);
        Assert.Equal(3, await host.Services.GetRequiredService<IDigestQueue>().CountPoisonAsync(Ct));
        Assert.Single(Mailbox.For(host.MailDirectory, subscriber.Email));
    }

    private static async Task<List<DigestOutcome>> DrainAsync(AppHost host, int expected = 0)
    {
        var processor = host.Services.GetRequiredService<DigestQueueProcessor>();
        var all = new List<DigestOutcome>();
        // Until the queue is empty and, when told how many outcomes to expect, until the retried ones are in too.
        for (var round = 0; round < 30; round++)
        {
            var batch = await processor.ProcessBatchAsync(Ct);
            all.AddRange(batch);
            if (batch.Count == 0 && all.Count >= expected)
            {
                break;
            }

            if (batch.Count == 0)
            {
                await Task.Delay(300, Ct);
            }
        }

        return all;
    }
}
