using Microsoft.Extensions.Time.Testing;
using MimeKit;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Tests.Pipeline;

/// <summary>The whole path over the sample feeds: timer payload → feeds over HTTP → Azurite → queue → digest emails.</summary>
public sealed class PipelineEndToEndTests
{
    [Fact]
    public async Task PollThenSend_WritesOneDigestPerSubscriber_AndNothingTwiceOnRepoll()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var feeds = await SampleFeedServer.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "digests", feeds.FeedSettings(), clock);
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(ct);
        var store = host.Services.GetRequiredService<ISubscriberStore>();
        var trade = TestData.Subscriber("trade") with { Email = "trade@example.com" };
        var defence = TestData.Subscriber("defence-security");
        var inactive = TestData.Subscriber("trade") with { Status = SubscriberStatus.Unsubscribed };
        foreach (var s in new[] { trade, defence, inactive })
        {
            await store.UpsertAsync(s, ct);
        }

        // Act: poll, drain, then poll again an hour later (the feeds answer 304) and drain again.
        var first = await PollAsync(host, ct);
        var sent = await DrainAsync(host, ct);
        clock.Advance(TimeSpan.FromHours(1));
        var second = await PollAsync(host, ct);
        var resent = await DrainAsync(host, ct);

        // Assert
        Assert.Contains("feeds: 5 (0 failed), items kept: 22 (22 new), items dropped: 18, digests queued: 2", first, StringComparison.Ordinal);
        Assert.Contains("items kept: 0 (0 new)", second, StringComparison.Ordinal);
        Assert.Equal(2, sent);
        Assert.Equal(0, resent);
        var files = Directory.GetFiles(host.MailDirectory, "*.eml");
        Assert.Equal(2, files.Length);
        var tradeMail = files.Select(f => MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Single().Address == "trade@example.com");
        Assert.StartsWith("Pakistan–Belarus:", tradeMail.Subject, StringComparison.Ordinal);
        Assert.Contains("TRADE", tradeMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<table role=\"presentation\"", tradeMail.HtmlBody, StringComparison.Ordinal);
        var parts = Assert.IsType<MultipartAlternative>(tradeMail.Body).Select(p => p.ContentType.MimeType).ToList();
        Assert.Equal(["text/plain", "text/html"], parts);
    }

    private static async Task<string> PollAsync(AppHost host, CancellationToken ct)
    {
        var response = await host.Client.PostAsync(new Uri("/PollFeeds", UriKind.Relative), Invocations.Json(Invocations.Timer()), ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct);
        return body.GetProperty("Logs")[0].GetString()!;
    }

    private static async Task<int> DrainAsync(AppHost host, CancellationToken ct)
    {
        var processor = host.Services.GetRequiredService<DigestQueueProcessor>();
        var sent = 0;
        while (await processor.ProcessBatchAsync(ct) is { Count: > 0 } batch)
        {
            sent += batch.Where(o => o.Kind == Core.Pipeline.DigestOutcomeKind.Sent).Sum(o => o.Recipients);
        }

        return sent;
    }
}
