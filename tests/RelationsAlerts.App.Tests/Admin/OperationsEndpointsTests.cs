using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Ports;
using static RelationsAlerts.App.Tests.Admin.AdminTesting;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>Poll and stats. Tests that read every feed or item in storage start an emulator of their own.</summary>
public sealed class OperationsEndpointsTests(AzuriteFixture shared) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Poll_RunsPollFeeds_AndSkipsPausedFeed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var feeds = await SampleFeedServer.StartAsync();
        await using var host = await StartAsync(azurite);
        using var client = Client(host);
        var active = await AddAsync(client, new Uri(feeds.BaseAddress, "belta-english.xml"));
        var paused = await AddAsync(client, new Uri(feeds.BaseAddress, "dawn-business.xml"));
        (await client.PostAsync(Url($"/api/admin/feeds/{paused}/pause"), null, ct)).EnsureSuccessStatusCode();

        // Act
        var summary = await OkJsonAsync(await client.PostAsync(Url("/api/admin/poll"), null, ct));

        // Assert
        Assert.Equal(1, summary.GetProperty("feedsPolled").GetInt32());
        Assert.Equal(0, summary.GetProperty("feedsFailed").GetInt32());
        Assert.True(summary.GetProperty("itemsNew").GetInt32() > 0);
        Assert.True(summary.GetProperty("itemsDropped").GetInt32() >= 0);
        Assert.Equal(0, summary.GetProperty("digestsQueued").GetInt32());
        var feed = Assert.Single(summary.GetProperty("feeds").EnumerateArray());
        Assert.Equal(active, feed.GetProperty("feedId").GetString());
        Assert.Equal("fetched", feed.GetProperty("status").GetString());
        var pausedFeed = await host.Services.GetRequiredService<IFeedStore>().GetAsync(paused, ct);
        Assert.Null(pausedFeed!.State.LastAttemptAt);
    }

    [Fact]
    public async Task Stats_CountsItemsPerSectorPerDay_AndFeedHealth()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var now = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        await using var host = await StartAsync(azurite, clock: new FakeTimeProvider(now));
        using var client = Client(host);
        (await client.GetAsync(Url("/api/admin/feeds"), ct)).EnsureSuccessStatusCode(); // creates the tables
        var items = host.Services.GetRequiredService<IItemStore>();
        await items.TryAddAsync(TestData.Item("trade", now.AddHours(-4)) with { Sectors = ["trade", "energy"] }, ct);
        await items.TryAddAsync(TestData.Item("trade", new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero)), ct);
        await items.TryAddAsync(TestData.Item("trade", new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero)), ct); // first day of the 7
        await items.TryAddAsync(TestData.Item("trade", new DateTimeOffset(2026, 3, 3, 23, 59, 0, TimeSpan.Zero)), ct); // one day too early
        var store = host.Services.GetRequiredService<IFeedStore>();
        await store.SaveAsync(Feed("ok"), ct);
        await store.SaveAsync(Feed("failing") with { State = new FeedState { ConsecutiveFailures = 1 } }, ct);
        await store.SaveAsync(Feed("paused") with { Paused = true, State = new FeedState { ConsecutiveFailures = 4 } }, ct);

        // Act
        var stats = await OkJsonAsync(await client.GetAsync(Url("/api/admin/stats"), ct));

        // Assert
        Assert.Equal("2026-03-04", stats.GetProperty("from").GetString());
        Assert.Equal("2026-03-10", stats.GetProperty("to").GetString());
        var days = stats.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!);
        Assert.Equal(7, days.Count);
        Assert.Equal(1, days["2026-03-10"].GetProperty("items").GetInt32());
        Assert.Equal(1, days["2026-03-10"].GetProperty("sectors").GetProperty("trade").GetInt32());
        Assert.Equal(1, days["2026-03-10"].GetProperty("sectors").GetProperty("energy").GetInt32());
        Assert.Equal(1, days["2026-03-09"].GetProperty("sectors").GetProperty("trade").GetInt32());
        Assert.Equal(1, days["2026-03-04"].GetProperty("items").GetInt32());
        Assert.Equal(0, days["2026-03-05"].GetProperty("items").GetInt32());
        Assert.Equal(JsonValueKind.Object, days["2026-03-05"].GetProperty("sectors").ValueKind);
        var health = stats.GetProperty("feeds");
        Assert.Equal((3, 1, 1, 1), (health.GetProperty("total").GetInt32(), health.GetProperty("ok").GetInt32(), health.GetProperty("failing").GetInt32(), health.GetProperty("paused").GetInt32()));

        // Act: a wider window reaches the older item.
        var wider = await OkJsonAsync(await client.GetAsync(Url("/api/admin/stats?days=8"), ct));

        // Assert
        Assert.Equal(8, wider.GetProperty("days").GetArrayLength());
        Assert.Equal(1, wider.GetProperty("days")[0].GetProperty("items").GetInt32());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    [InlineData("-3")]
    public async Task Stats_Returns400WithDaysError_WhenDaysOutOfRange(string days)
    {
        // Arrange
        await using var host = await StartAsync(shared);
        using var client = Client(host);

        // Act
        var response = await client.GetAsync(Url($"/api/admin/stats?days={days}"), TestContext.Current.CancellationToken);

        // Assert
        Assert.NotEmpty(await ValidationErrorsAsync(response, "days"));
    }

    [Fact]
    public async Task Stats_Returns400Problem_WhenDaysNotANumber()
    {
        // Arrange
        await using var host = await StartAsync(shared);
        using var client = Client(host);

        // Act
        var response = await client.GetAsync(Url("/api/admin/stats?days=week"), TestContext.Current.CancellationToken);

        // Assert
        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private static FeedSource Feed(string name) =>
        new("f-" + Guid.NewGuid().ToString("N")[..16], new Uri($"https://news.example.org/{name}.xml"), name, FeedState.Initial);

    private static async Task<string> AddAsync(HttpClient client, Uri url)
    {
        var response = await client.PostAsync(Url("/api/admin/feeds"), Json(new { url = url.AbsoluteUri }), TestContext.Current.CancellationToken);
        return (await OkJsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }
}
