using System.Net;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Ports;
using static RelationsAlerts.App.Tests.Admin.AdminTesting;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>Topics CRUD over HTTP against Azurite; every test works on a topic id of its own.</summary>
public sealed class TopicEndpointsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private AppHost host = null!;
    private HttpClient client = null!;

    public static TheoryData<string, string> InvalidTopics { get; } = new()
    {
        { """{"id":"Bad_Id","displayName":"X","include":{"en":["x"]}}""", "id" },
        { """{"id":"a","displayName":"X","include":{"en":["x"]}}""", "id" },
        { """{"displayName":"X","include":{"en":["x"]}}""", "id" },
        { """{"id":"ok-id","displayName":"","include":{"en":["x"]}}""", "displayName" },
        { "{\"id\":\"ok-id\",\"displayName\":\"" + new string('x', 81) + "\",\"include\":{\"en\":[\"x\"]}}", "displayName" },
        { """{"id":"ok-id","displayName":"X","include":{"en":[]}}""", "include" },
        { """{"id":"ok-id","displayName":"X"}""", "include" },
        { """{"id":"ok-id","displayName":"X","include":{"english":["x"]}}""", "include.english" },
        { """{"id":"ok-id","displayName":"X","include":{"xx":["x"]}}""", "include.xx" },
        { """{"id":"ok-id","displayName":"X","include":{"en":["  "]}}""", "include.en" },
        { "{\"id\":\"ok-id\",\"displayName\":\"X\",\"include\":{\"en\":[\"" + new string('x', 101) + "\"]}}", "include.en" },
        { "{\"id\":\"ok-id\",\"displayName\":\"X\",\"include\":{\"en\":[" + string.Join(',', Enumerable.Range(0, 501).Select(i => $"\"t{i}\"")) + "]}}", "include.en" },
        { """{"id":"ok-id","displayName":"X","include":{"en":["x"]},"exclude":{"ru":[null]}}""", "exclude.ru" },
        { "{\"id\":\"ok-id\",\"displayName\":\"X\",\"description\":\"" + new string('d', 501) + "\",\"include\":{\"en\":[\"x\"]}}", "description" },
    };

    public async ValueTask InitializeAsync()
    {
        host = await StartAsync(azurite);
        client = Client(host);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task List_ReturnsSeededTopics_WithETags()
    {
        // Act
        var body = await OkJsonAsync(await client.GetAsync(Url("/api/admin/topics"), TestContext.Current.CancellationToken));

        // Assert
        var trade = Assert.Single(body.EnumerateArray(), t => t.GetProperty("id").GetString() == "trade");
        Assert.Equal("Trade", trade.GetProperty("displayName").GetString());
        Assert.Contains("export*", trade.GetProperty("include").GetProperty("en").EnumerateArray().Select(t => t.GetString()));
        Assert.False(string.IsNullOrEmpty(trade.GetProperty("etag").GetString()));
    }

    [Fact]
    public async Task Get_ReturnsTopicAndETagHeader_WhenTopicExists()
    {
        // Arrange
        var id = await CreateAsync();

        // Act
        var response = await client.GetAsync(Url($"/api/admin/topics/{id}"), TestContext.Current.CancellationToken);

        // Assert
        var body = await OkJsonAsync(response);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal(body.GetProperty("etag").GetString(), ETag(response));
    }

    [Fact]
    public async Task Get_Returns404Problem_WhenTopicUnknown()
    {
        // Act
        var response = await client.GetAsync(Url("/api/admin/topics/no-such-topic"), TestContext.Current.CancellationToken);

        // Assert
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_Returns201WithLocationAndStoresTopic()
    {
        // Arrange
        var id = NewId();
        var request = new
        {
            id,
            displayName = "  Pharmaceuticals  ",
            description = "Medicines and vaccines",
            include = new Dictionary<string, string[]> { ["en"] = ["pharma*", " vaccine* "], ["ur"] = ["ادوی*"] },
            exclude = new Dictionary<string, string[]> { ["ru"] = ["футбол*"] },
            enabled = false,
        };

        // Act
        var response = await client.PostAsync(Url("/api/admin/topics"), Json(request), TestContext.Current.CancellationToken);

        // Assert
        var body = await OkJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/admin/topics/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Pharmaceuticals", body.GetProperty("displayName").GetString());
        var stored = await host.Services.GetRequiredService<ITopicStore>().GetAsync(id, TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal(["pharma*", "vaccine*"], stored.Include["en"]);
        Assert.Equal(["футбол*"], stored.Exclude["ru"]);
        Assert.False(stored.Enabled);
        Assert.Equal(stored.ETag, ETag(response));
    }

    [Fact]
    public async Task Create_Returns409Problem_WhenIdTaken()
    {
        // Arrange
        var id = await CreateAsync();

        // Act
        var response = await client.PostAsync(Url("/api/admin/topics"), Json(Topic(id)), TestContext.Current.CancellationToken);

        // Assert
        await ProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(InvalidTopics))]
    public async Task Create_Returns400WithFieldError_WhenTopicInvalid(string json, string field)
    {
        // Act
        var response = await client.PostAsync(Url("/api/admin/topics"), Invocations.Json(json), TestContext.Current.CancellationToken);

        // Assert
        Assert.NotEmpty(await ValidationErrorsAsync(response, field));
    }

    [Fact]
    public async Task Create_Returns400Problem_WhenBodyIsNotJson()
    {
        // Act
        var response = await client.PostAsync(Url("/api/admin/topics"), Invocations.Json("{not json"), TestContext.Current.CancellationToken);

        // Assert
        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Update_ReplacesTopicAndReturnsNewETag_WhenIfMatchCurrent()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var id = await CreateAsync();
        var etag = ETag(await client.GetAsync(Url($"/api/admin/topics/{id}"), ct));

        // Act
        var response = await PutAsync(client, $"/api/admin/topics/{id}", Topic(null, "Renamed", "hydropower"), etag);

        // Assert
        var body = await OkJsonAsync(response);
        Assert.Equal("Renamed", body.GetProperty("displayName").GetString());
        Assert.NotEqual(etag, ETag(response));
        var stored = await host.Services.GetRequiredService<ITopicStore>().GetAsync(id, ct);
        Assert.Equal(["hydropower"], stored!.Include["en"]);
    }

    [Fact]
    public async Task Update_Returns412_WhenETagIsStale()
    {
        // Arrange
        var id = await CreateAsync();
        var stale = ETag(await client.GetAsync(Url($"/api/admin/topics/{id}"), TestContext.Current.CancellationToken));
        (await PutAsync(client, $"/api/admin/topics/{id}", Topic(null, "First edit"), stale)).EnsureSuccessStatusCode();

        // Act
        var response = await PutAsync(client, $"/api/admin/topics/{id}", Topic(null, "Second edit"), stale);

        // Assert
        await ProblemAsync(response, HttpStatusCode.PreconditionFailed);
        var stored = await host.Services.GetRequiredService<ITopicStore>().GetAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal("First edit", stored!.DisplayName);
    }

    [Fact]
    public async Task Update_Returns428_WhenIfMatchMissing()
    {
        // Arrange
        var id = await CreateAsync();

        // Act
        var response = await PutAsync(client, $"/api/admin/topics/{id}", Topic(null, "No precondition"), ifMatch: null);

        // Assert
        await ProblemAsync(response, (HttpStatusCode)428);
    }

    [Fact]
    public async Task Update_Returns400_WhenTopicInvalid()
    {
        // Arrange
        var id = await CreateAsync();
        var etag = ETag(await client.GetAsync(Url($"/api/admin/topics/{id}"), TestContext.Current.CancellationToken));

        // Act
        var response = await PutAsync(client, $"/api/admin/topics/{id}", new { displayName = "X", include = new Dictionary<string, string[]>() }, etag);

        // Assert
        Assert.NotEmpty(await ValidationErrorsAsync(response, "include"));
    }

    [Fact]
    public async Task Update_Returns400_WhenBodyIdDiffersFromRoute()
    {
        // Arrange
        var id = await CreateAsync();
        var etag = ETag(await client.GetAsync(Url($"/api/admin/topics/{id}"), TestContext.Current.CancellationToken));

        // Act
        var response = await PutAsync(client, $"/api/admin/topics/{id}", Topic("other-id"), etag);

        // Assert
        Assert.NotEmpty(await ValidationErrorsAsync(response, "id"));
    }

    [Fact]
    public async Task Update_Returns404_WhenTopicUnknown()
    {
        // Act
        var response = await PutAsync(client, $"/api/admin/topics/{NewId()}", Topic(null), "W/\"whatever\"");

        // Assert
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_Returns204ThenGetReturns404()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var id = await CreateAsync();

        // Act
        var response = await client.DeleteAsync(Url($"/api/admin/topics/{id}"), ct);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await ProblemAsync(await client.GetAsync(Url($"/api/admin/topics/{id}"), ct), HttpStatusCode.NotFound);
        await ProblemAsync(await client.DeleteAsync(Url($"/api/admin/topics/{id}"), ct), HttpStatusCode.NotFound);
    }

    private static string NewId() => "t-" + Guid.NewGuid().ToString("N")[..12];

    private static object Topic(string? id, string displayName = "Test topic", string term = "test*") => new
    {
        id,
        displayName,
        include = new Dictionary<string, string[]> { ["en"] = [term] },
    };

    private async Task<string> CreateAsync()
    {
        var id = NewId();
        var response = await client.PostAsync(Url("/api/admin/topics"), Json(Topic(id)), TestContext.Current.CancellationToken);
        await OkJsonAsync(response, HttpStatusCode.Created);
        return id;
    }
}
