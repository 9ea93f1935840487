using System.Net;
using RelationsAlerts.App.Admin;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Ports;
using static RelationsAlerts.App.Tests.Admin.AdminTesting;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>Feeds over HTTP against Azurite. Every test adds feeds with URLs of its own; nothing here polls them except poll-now.</summary>
public sealed class FeedEndpointsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private AppHost host = null!;
    private HttpClient client = null!;

    public static TheoryData<string, string> InvalidFeeds { get; } = new()
    {
        { """{"url":"http://169.254.169.254/"}""", "url" }, // cloud metadata endpoint
        { """{"url":"http://10.0.0.1/"}""", "url" },
        { """{"url":"http://192.168.1.1/rss"}""", "url" },
        { """{"url":"http://[fd00::1]/rss"}""", "url" },
        { """{"url":"https://intranet.test/rss"}""", "url" }, // resolves to 10.1.2.3 (see the resolver below)
        { """{"url":"https://unresolvable.test/rss"}""", "url" },
        { """{"url":"ftp://example.org/feed.xml"}""", "url" },
        { """{"url":"/relative/feed.xml"}""", "url" },
        { """{"url":"https://user:secret@public.test/feed.xml"}""", "url" },
        { """{"name":"No URL"}""", "url" },
        { """{"url":"https://public.test/feed.xml","type":"json"}""", "type" },
        { "{\"url\":\"https://public.test/feed.xml\",\"name\":\"" + new string('n', 101) + "\"}", "name" },
        { """{"url":"https://public.test/feed.xml","name":"  "}""", "name" },
    };

    public async ValueTask InitializeAsync()
    {
        // The sandbox has no DNS: names resolve through this table, which also stands in for a name pointing inside the network.
        host = await StartAsync(azurite, configureServices: services => services.AddSingleton<HostResolver>((name, _) => name switch
        {
            "public.test" => Task.FromResult(new[] { IPAddress.Parse("93.184.215.14") }),
            "intranet.test" => Task.FromResult(new[] { IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.1.2.3") }),
            _ => Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound)),
        }));
        client = Client(host);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Add_Returns201AndStoresFeed_WithTypeAndDefaultName()
    {
        // Arrange
        var url = $"https://public.test/{Guid.NewGuid():N}.xml";

        // Act
        var response = await client.PostAsync(Url("/api/admin/feeds"), Json(new { url, type = "google-news" }), TestContext.Current.CancellationToken);

        // Assert
        var body = await OkJsonAsync(response, HttpStatusCode.Created);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/admin/feeds/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("public.test", body.GetProperty("name").GetString());
        Assert.Equal("google-news", body.GetProperty("type").GetString());
        var stored = await host.Services.GetRequiredService<IFeedStore>().GetAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal(FeedType.GoogleNews, stored!.Type);
        Assert.Equal(new Uri(url), stored.Url);
        Assert.False(stored.Paused);
        var fetched = await OkJsonAsync(await client.GetAsync(Url($"/api/admin/feeds/{id}"), TestContext.Current.CancellationToken));
        Assert.Equal(("ok", url), (fetched.GetProperty("status").GetString(), fetched.GetProperty("url").GetString()));
    }

    [Theory]
    [MemberData(nameof(InvalidFeeds))]
    public async Task Add_Returns400WithFieldError_WhenFeedInvalidOrUnsafe(string json, string field)
    {
        // Act
        var response = await client.PostAsync(Url("/api/admin/feeds"), Invocations.Json(json), TestContext.Current.CancellationToken);

        // Assert
        Assert.NotEmpty(await ValidationErrorsAsync(response, field));
    }

    [Fact]
    public async Task Add_Returns409_WhenUrlAlreadyPolled()
    {
        // Arrange
        var url = $"https://public.test/{Guid.NewGuid():N}.xml";
        await AddAsync(url);

        // Act
        var response = await client.PostAsync(Url("/api/admin/feeds"), Json(new { url }), TestContext.Current.CancellationToken);

        // Assert
        await ProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task List_ReportsHealth_ForEachFeed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var id = await AddAsync($"https://public.test/{Guid.NewGuid():N}.xml", "Failing feed");
        var store = host.Services.GetRequiredService<IFeedStore>();
        var feed = await store.GetAsync(id, ct);
        var failedAt = new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);
        await store.SaveAsync(feed! with { State = feed.State with { LastAttemptAt = failedAt, LastErrorKind = "HttpStatus", LastErrorMessage = "fetch: HTTP 503", ConsecutiveFailures = 2, NextPollAt = failedAt.AddHours(1) } }, ct);

        // Act
        var body = await OkJsonAsync(await client.GetAsync(Url("/api/admin/feeds"), ct));

        // Assert
        var listed = Assert.Single(body.EnumerateArray(), f => f.GetProperty("id").GetString() == id);
        Assert.Equal("Failing feed", listed.GetProperty("name").GetString());
        Assert.Equal("failing", listed.GetProperty("status").GetString());
        Assert.Equal("HttpStatus", listed.GetProperty("lastErrorKind").GetString());
        Assert.Equal("fetch: HTTP 503", listed.GetProperty("lastErrorMessage").GetString());
        Assert.Equal(2, listed.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(failedAt.AddHours(1), listed.GetProperty("nextPollAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKindNull, listed.GetProperty("lastSuccessAt").ValueKind);
        Assert.False(listed.GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task Get_Returns404_WhenFeedUnknown()
    {
        // Act
        var response = await client.GetAsync(Url("/api/admin/feeds/f-unknown"), TestContext.Current.CancellationToken);

        // Assert
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_ChangesNameUrlAndType_AndResetsStateForNewUrl()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var id = await AddAsync($"https://public.test/{Guid.NewGuid():N}.xml");
        var store = host.Services.GetRequiredService<IFeedStore>();
        var feed = await store.GetAsync(id, ct);
        await store.SaveAsync(feed! with { State = feed.State with { ETag = "\"old\"", ConsecutiveFailures = 3 } }, ct);
        var newUrl = $"https://public.test/{Guid.NewGuid():N}.atom";

        // Act
        var response = await PutAsync(client, $"/api/admin/feeds/{id}", new { url = newUrl, name = "Renamed", type = "atom" }, ifMatch: null);

        // Assert
        var body = await OkJsonAsync(response);
        Assert.Equal(id, body.GetProperty("id").GetString());
        var stored = await store.GetAsync(id, ct);
        Assert.Equal(new Uri(newUrl), stored!.Url);
        Assert.Equal("Renamed", stored.Name);
        Assert.Equal(FeedType.Atom, stored.Type);
        Assert.Equal(FeedState.Initial, stored.State);
    }

    [Fact]
    public async Task Update_KeepsFieldsLeftOut()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var url = $"https://public.test/{Guid.NewGuid():N}.xml";
        var id = await AddAsync(url, "Original", "gdelt");

        // Act
        var response = await PutAsync(client, $"/api/admin/feeds/{id}", new { name = "Only the name" }, ifMatch: null);

        // Assert
        await OkJsonAsync(response);
        var stored = await host.Services.GetRequiredService<IFeedStore>().GetAsync(id, ct);
        Assert.Equal(("Only the name", new Uri(url), FeedType.Gdelt), (stored!.Name, stored.Url, stored.Type));
    }

    [Theory]
    [InlineData("http://10.0.0.1/", "url")]
    [InlineData("http://169.254.169.254/", "url")]
    public async Task Update_Returns400_WhenNewUrlUnsafe(string url, string field)
    {
        // Arrange
        var id = await AddAsync($"https://public.test/{Guid.NewGuid():N}.xml");

        // Act
        var response = await PutAsync(client, $"/api/admin/feeds/{id}", new { url }, ifMatch: null);

        // Assert
        Assert.NotEmpty(await ValidationErrorsAsync(response, field));
    }

    [Fact]
    public async Task Update_Returns404_WhenFeedUnknown()
    {
        // Act
        var response = await PutAsync(client, "/api/admin/feeds/f-unknown", new { name = "x" }, ifMatch: null);

        // Assert
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PauseThenResume_SetsAndClearsPaused()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var id = await AddAsync($"https://public.test/{Guid.NewGuid():N}.xml");
        var store = host.Services.GetRequiredService<IFeedStore>();

        // Act
        var paused = await OkJsonAsync(await client.PostAsync(Url($"/api/admin/feeds/{id}/pause"), null, ct));
        var pausedStored = await store.GetAsync(id, ct);
        var resumed = await OkJsonAsync(await client.PostAsync(Url($"/api/admin/feeds/{id}/resume"), null, ct));

        // Assert
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.True(pausedStored!.Paused);
        Assert.False(pausedStored.IsDue(DateTimeOffset.UtcNow));
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        Assert.False((await store.GetAsync(id, ct))!.Paused);
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("poll")]
    public async Task FeedActions_Return404_WhenFeedUnknown(string action)
    {
        // Act
        var response = await client.PostAsync(Url($"/api/admin/feeds/f-unknown/{action}"), null, TestContext.Current.CancellationToken);

        // Assert
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_Returns204ThenFeedIsGone()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var id = await AddAsync($"https://public.test/{Guid.NewGuid():N}.xml");

        // Act
        var response = await client.DeleteAsync(Url($"/api/admin/feeds/{id}"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await host.Services.GetRequiredService<IFeedStore>().GetAsync(id, ct));
        await ProblemAsync(await client.DeleteAsync(Url($"/api/admin/feeds/{id}"), ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PollNow_FetchesLoopbackFeed_AndReportsWhatItFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var feeds = await SampleFeedServer.StartAsync();
        var id = await AddAsync(new Uri(feeds.BaseAddress, "belta-english.xml").AbsoluteUri);

        // Act
        var first = await OkJsonAsync(await client.PostAsync(Url($"/api/admin/feeds/{id}/poll"), null, ct));
        var second = await OkJsonAsync(await client.PostAsync(Url($"/api/admin/feeds/{id}/poll"), null, ct));

        // Assert
        Assert.Equal("fetched", first.GetProperty("status").GetString());
        Assert.True(first.GetProperty("entries").GetInt32() > 0);
        Assert.True(first.GetProperty("kept").GetInt32() > 0);
        Assert.Equal(first.GetProperty("kept").GetInt32(), first.GetProperty("new").GetInt32());
        Assert.Equal(first.GetProperty("entries").GetInt32(), first.GetProperty("kept").GetInt32() + first.GetProperty("dropped").GetInt32());
        Assert.Equal(JsonValueKindNull, first.GetProperty("error").ValueKind);
        Assert.Equal("not-modified", second.GetProperty("status").GetString());
        var stored = await host.Services.GetRequiredService<IFeedStore>().GetAsync(id, ct);
        Assert.NotNull(stored!.State.LastSuccessAt);
    }

    [Fact]
    public async Task PollNow_QueuesInstantSubscribersDigest_ForTheNewItems()
    {
        // Arrange: an instant subscriber to every sector.
        var ct = TestContext.Current.CancellationToken;
        await using var feeds = await SampleFeedServer.StartAsync();
        // A feed no other test in this class polls, so its items are new here.
        var id = await AddAsync(new Uri(feeds.BaseAddress, "belta-russian.xml").AbsoluteUri);
        var reader = Infrastructure.TestData.Subscriber([.. Core.Processing.DefaultTopics.All.Select(t => t.Id)]);
        await host.Services.GetRequiredService<Core.Ports.ISubscriberStore>().UpsertAsync(reader, ct);

        // Act
        await OkJsonAsync(await client.PostAsync(Url($"/api/admin/feeds/{id}/poll"), null, ct));

        // Assert: a digest job for the subscriber is waiting, as after a scheduled poll.
        var queued = await host.Services.GetRequiredService<Core.Ports.IDigestQueue>().ReceiveAsync(32, TimeSpan.FromSeconds(30), ct);
        var jobs = queued.Select(m => Core.Digests.DigestRequestSerializer.TryDeserialize(m.Body.Span, out var job, out _) ? job : null).ToList();
        Assert.Contains(jobs, j => j is not null && j.Recipients.Contains(reader.Id));
    }

    [Fact]
    public async Task PollNow_ReportsFailure_WhenFeedUnreachable()
    {
        // Arrange: a loopback port nothing listens on.
        var id = await AddAsync("http://127.0.0.1:1/feed.xml");

        // Act
        var body = await OkJsonAsync(await client.PostAsync(Url($"/api/admin/feeds/{id}/poll"), null, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.StartsWith("Network", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private async Task<string> AddAsync(string url, string? name = null, string? type = null)
    {
        var response = await client.PostAsync(Url("/api/admin/feeds"), Json(new { url, name, type }), TestContext.Current.CancellationToken);
        return (await OkJsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }
}
