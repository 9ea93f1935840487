using System.Net;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;
using static RelationsAlerts.App.Tests.Admin.AdminTesting;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>Subscriber administration: paging, exact-email search, erasure, counts and digest previews.</summary>
public sealed class SubscriberAdminTests : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    private AppHost host = null!;
    private HttpClient client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Its own emulator: paging and counts see only this class's subscribers.
        await azurite.InitializeAsync();
        host = await StartAsync(azurite);
        client = Client(host);
        await client.GetAsync(Url("/api/admin/topics"), Ct); // creates tables and seeds topics
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task List_PagesWithContinuationTokens_AndFindsByExactEmail()
    {
        // Arrange
        var store = host.Services.GetRequiredService<ISubscriberStore>();
        var subscribers = Enumerable.Range(0, 5).Select(_ => TestData.Subscriber("trade")).ToList();
        foreach (var s in subscribers)
        {
            await store.UpsertAsync(s, Ct);
        }

        // Act
        var first = await OkJsonAsync(await client.GetAsync(Url("/api/admin/subscribers?pageSize=3"), Ct));
        var token = first.GetProperty("continuationToken").GetString();
        var second = await OkJsonAsync(await client.GetAsync(Url("/api/admin/subscribers?pageSize=3&continuationToken=" + Uri.EscapeDataString(token!)), Ct));
        var found = await OkJsonAsync(await client.GetAsync(Url("/api/admin/subscribers?email=" + Uri.EscapeDataString(subscribers[2].Email)), Ct));
        var missing = await OkJsonAsync(await client.GetAsync(Url("/api/admin/subscribers?email=nobody%40example.com"), Ct));

        // Assert
        Assert.Equal(3, first.GetProperty("items").GetArrayLength());
        Assert.Equal(2, second.GetProperty("items").GetArrayLength());
        Assert.Equal(subscribers[2].Id, found.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(0, missing.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Erase_RemovesPersonalData_AndKeepsSuppressionHash()
    {
        // Arrange
        var store = host.Services.GetRequiredService<ISubscriberStore>();
        var subscriber = TestData.Subscriber("trade");
        await store.UpsertAsync(subscriber, Ct);
        await host.Services.GetRequiredService<SubscriptionService>().SuppressAsync(subscriber.Email, "bounce", Ct);

        // Act
        var erase = await client.DeleteAsync(Url($"/api/admin/subscribers/{subscriber.Id}"), Ct);
        var again = await client.DeleteAsync(Url($"/api/admin/subscribers/{subscriber.Id}"), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        await ProblemAsync(again, HttpStatusCode.NotFound);
        Assert.Null(await store.GetAsync(subscriber.Id, Ct));
        Assert.True(await store.IsSuppressedAsync(subscriber.Id, Ct));
    }

    [Fact]
    public async Task Counts_AndPreview_ReflectStoredData_WithoutSending()
    {
        // Arrange
        var store = host.Services.GetRequiredService<ISubscriberStore>();
        await store.UpsertAsync(TestData.Subscriber("energy"), Ct);
        await store.UpsertAsync(TestData.Subscriber("energy") with { Status = SubscriberStatus.Pending }, Ct);
        await host.Services.GetRequiredService<IItemStore>().TryAddAsync(TestData.Item("energy", DateTimeOffset.UtcNow.AddMinutes(-1)), Ct);

        // Act
        var counts = await OkJsonAsync(await client.GetAsync(Url("/api/admin/subscribers/counts"), Ct));
        var preview = await OkJsonAsync(await client.PostAsync(Url("/api/admin/digests/preview"), Json(new { sector = "energy" }), Ct));
        var invalid = await client.PostAsync(Url("/api/admin/digests/preview"), Json(new { sector = "gossip" }), Ct);
        var badPage = await client.GetAsync(Url("/api/admin/subscribers?pageSize=1000"), Ct);

        // Assert
        Assert.Equal(1, counts.GetProperty("byStatus").GetProperty("pending").GetInt32());
        Assert.True(counts.GetProperty("activeBySector").GetProperty("energy").GetInt32() >= 1);
        Assert.Equal(1, preview.GetProperty("items").GetInt32());
        Assert.Contains("<table", preview.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(host.MailDirectory));
        await ValidationErrorsAsync(invalid, "subscriberId");
        await ValidationErrorsAsync(badPage, "pageSize");
    }

    [Fact]
    public async Task SubscriberEndpoints_RequireTheAdminKey()
    {
        // Act
        using var anonymous = Client(host, key: null);
        var response = await anonymous.GetAsync(Url("/api/admin/subscribers"), Ct);

        // Assert
        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
