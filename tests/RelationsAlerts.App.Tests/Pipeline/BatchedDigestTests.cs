using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;
using WireMock.RequestBuilders;
using WireMock.Server;
using WmResponse = WireMock.ResponseBuilders.Response;

namespace RelationsAlerts.App.Tests.Pipeline;

/// <summary>
/// Subscribers whose digests are identical go out in one SendGrid request, one personalization each, with their own
/// links; a repeated schedule or a redelivered job sends nothing twice.
/// </summary>
public sealed class BatchedDigestTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // 09:30 in Karachi; the digests below are due at 09:00 local time.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 4, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task IdenticalDigests_GoOutInOneRequest_EachRecipientOnce()
    {
        // Arrange: trade and trade+health read the same (no health news); energy differs; two must not be mailed.
        var ct = TestContext.Current.CancellationToken;
        using var sendGrid = WireMockServer.Start();
        sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(WmResponse.Create().WithStatusCode(202));
        await using var host = await StartAsync(sendGrid.Url!);
        var (trade, energy) = (Sector(), Sector());
        var store = host.Services.GetRequiredService<ISubscriberStore>();
        var traders = await AddAsync(store, 20, trade);
        var tradeAndHealth = await AddAsync(store, 15, trade, "health-" + trade);
        var energyReaders = await AddAsync(store, 10, energy);
        var suppressed = (await AddAsync(store, 1, trade))[0];
        await store.SuppressAsync(suppressed.Id, "bounce", ct);
        var unsubscribed = TestData.Subscriber(trade) with { Frequency = DigestFrequency.Daily, TimeZone = "Asia/Karachi", PreferredHour = 9, Status = SubscriberStatus.Unsubscribed };
        await store.UpsertAsync(unsubscribed, ct);
        var items = host.Services.GetRequiredService<IItemStore>();
        await items.TryAddAsync(TestData.Item(trade, Now.AddHours(-2)), ct);
        await items.TryAddAsync(TestData.Item(trade, Now.AddHours(-3)), ct);
        await items.TryAddAsync(TestData.Item(energy, Now.AddHours(-2)), ct);

        // Act: the timer fires twice before the queue drains (overlapping runs), then again after.
        var schedule = host.Services.GetRequiredService<ScheduleDigestsJob>();
        await schedule.RunAsync(ct);
        await schedule.RunAsync(ct);
        await DrainAsync(host, ct);
        var third = await schedule.RunAsync(ct);
        await DrainAsync(host, ct);

        // Assert: two requests (trade group of 35, energy group of 10), every recipient exactly once.
        var bodies = sendGrid.LogEntries.Select(e => JsonDocument.Parse(e.RequestMessage.Body!)).ToList();
        Assert.Equal(2, bodies.Count);
        var recipients = bodies.SelectMany(Recipients).ToList();
        Assert.Equal([.. traders.Concat(tradeAndHealth).Concat(energyReaders).Select(s => s.Email).Order()], recipients.Select(r => r.Email).Order());
        Assert.Equal([10, 35], bodies.Select(b => Recipients(b).Count()).Order());
        Assert.Equal(recipients.Count, recipients.Select(r => r.Unsubscribe).Distinct().Count());
        Assert.All(recipients, r => Assert.StartsWith("<http://", r.Unsubscribe, StringComparison.Ordinal));
        // Only the record whose suppression raced its status change is queued again; SendDigest skips it again.
        Assert.Equal(1, third.DigestsQueued);
        var stored = await store.GetManyAsync([.. traders.Select(s => s.Id)], ct);
        Assert.All(stored.Values, s => Assert.Null(s.DigestInFlight));
        Assert.All(stored.Values, s => Assert.Equal(new DateTimeOffset(2026, 11, 23, 4, 0, 0, TimeSpan.Zero), s.LastDigestUntil));
    }

    [Fact]
    public async Task LocalSink_WritesEachRecipientTheirOwnCopy()
    {
        // Arrange: no SendGrid key, so the .eml sink stands in for it.
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(sendGridUrl: null);
        var sector = Sector();
        var store = host.Services.GetRequiredService<ISubscriberStore>();
        var readers = await AddAsync(store, 3, sector);
        await host.Services.GetRequiredService<IItemStore>().TryAddAsync(TestData.Item(sector, Now.AddHours(-1)), ct);

        // Act
        await host.Services.GetRequiredService<ScheduleDigestsJob>().RunAsync(ct);
        await DrainAsync(host, ct);

        // Assert: substitutions applied per recipient; no key left in any part or header.
        var copies = readers.Select(r => Assert.Single(Mailbox.For(host.MailDirectory, r.Email))).ToList();
        var unsubscribeLinks = copies.Select(m => Mailbox.Link(m, "/api/u/")).ToList();
        Assert.Equal(3, unsubscribeLinks.Distinct().Count());
        Assert.All(copies, m => Assert.DoesNotContain("-ra-", m.TextBody + m.HtmlBody + m.Headers["List-Unsubscribe"], StringComparison.Ordinal));
        Assert.All(copies, m => Assert.Contains(m.Headers["List-Unsubscribe"]!.Trim('<', '>'), m.TextBody, StringComparison.Ordinal));
    }

    private static IEnumerable<(string Email, string Unsubscribe)> Recipients(JsonDocument body) =>
        body.RootElement.GetProperty("personalizations").EnumerateArray().Select(p => (
            Assert.Single(p.GetProperty("to").EnumerateArray()).GetProperty("email").GetString()!,
            p.GetProperty("headers").GetProperty("List-Unsubscribe").GetString()!));

    private async Task<AppHost> StartAsync(string? sendGridUrl)
    {
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" };
        if (sendGridUrl is not null)
        {
            settings["SendGrid:ApiKey"] = "SG.test-key";
            settings["SendGrid:Host"] = sendGridUrl;
        }

        var host = await AppHost.StartAsync(azurite.ConnectionString, "dq-" + Guid.NewGuid().ToString("N")[..12], settings, new FakeTimeProvider(Now));
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(TestContext.Current.CancellationToken);
        return host;
    }

    private static async Task<List<Subscriber>> AddAsync(ISubscriberStore store, int count, params string[] sectors)
    {
        var added = new List<Subscriber>();
        for (var i = 0; i < count; i++)
        {
            var subscriber = TestData.Subscriber(sectors) with { Frequency = DigestFrequency.Daily, TimeZone = "Asia/Karachi", PreferredHour = 9 };
            await store.UpsertAsync(subscriber);
            added.Add(subscriber);
        }

        return added;
    }

    private static async Task DrainAsync(AppHost host, CancellationToken ct)
    {
        var processor = host.Services.GetRequiredService<DigestQueueProcessor>();
        while (await processor.ProcessBatchAsync(ct) is { Count: > 0 })
        {
        }
    }

    /// <summary>A sector of its own keeps other tests' subscribers and items (same emulator) out of these digests.</summary>
    private static string Sector() => "sector-" + Guid.NewGuid().ToString("N")[..8];
}
