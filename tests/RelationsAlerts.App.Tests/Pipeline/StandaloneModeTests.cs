using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Tests.Pipeline;

/// <summary>Without the Functions host the same executable schedules PollFeeds and listens on the queue itself.</summary>
public sealed class StandaloneModeTests
{
    [Fact]
    public async Task Standalone_PollsOnScheduleAndSendsDigests_WithoutTheFunctionsHost()
    {
        // Arrange: every second, so the first run comes at once.
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var feeds = await SampleFeedServer.StartAsync();
        var settings = feeds.FeedSettings();
        settings["Polling:Schedule"] = "* * * * * *";
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "digests", settings, mode: HostingMode.Standalone);
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(ct);
        await host.Services.GetRequiredService<ISubscriberStore>().UpsertAsync(TestData.Subscriber("diplomacy"), ct);

        // Act
        string[] mails = [];
        for (var i = 0; i < 150 && mails.Length == 0; i++)
        {
            await Task.Delay(200, ct);
            mails = Directory.GetFiles(host.MailDirectory, "*.eml");
        }

        // Assert
        Assert.Single(mails);
    }
}
