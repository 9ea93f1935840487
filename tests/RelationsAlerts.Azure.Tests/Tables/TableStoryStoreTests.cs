using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Stories;

namespace RelationsAlerts.Azure.Tests.Tables;

public sealed class TableStoryStoreTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string DigestQueueName = "dq-" + Guid.NewGuid().ToString("N")[..12];
    private static readonly DateTimeOffset Noon = new(2026, 11, 4, 12, 0, 0, TimeSpan.Zero);

    private readonly TableServiceClient tables = fixture.TableServiceClient();

    public async ValueTask InitializeAsync() =>
        await fixture.CreateStorageAsync(DigestQueueName, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SaveMemberAsync_ThenGetAsync_ReturnsFirstReportMembersAndOutlets()
    {
        // Arrange
        var store = new TableStoryStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var storyId = StoryIds.For(NewId());
        var keys = NewKeys(3);
        var (first, second, third) = (NewId(), NewId(), NewId());

        // Act: the second report was published before the first was seen.
        await store.SaveMemberAsync(Member(storyId, first, "Business Chronicle", Noon, keys), ct);
        await store.SaveMemberAsync(Member(storyId, second, "Деловой Минск", Noon.AddHours(-2), keys), ct);
        await store.SaveMemberAsync(Member(storyId, third, "business chronicle", Noon.AddHours(5), keys), ct);
        var story = await store.GetAsync(storyId, ct);

        // Assert
        Assert.NotNull(story);
        Assert.Equal(first, story.FirstItemId);
        Assert.Equal([second, first, third], story.MemberIds);
        Assert.Equal(["Деловой Минск", "Business Chronicle"], story.Outlets);
        Assert.Null(await store.GetAsync(StoryIds.For(NewId()), ct));
    }

    [Fact]
    public async Task FindStoryOfAsync_ReturnsTheStory_OnlyAfterTheReportIsFiled()
    {
        // Arrange
        var store = new TableStoryStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var item = NewId();
        var storyId = StoryIds.For(item);
        var before = await store.FindStoryOfAsync(item, ct);

        // Act
        await store.SaveMemberAsync(Member(storyId, item, null, Noon, NewKeys(2)), ct);
        await store.SaveMemberAsync(Member(storyId, item, null, Noon, NewKeys(2)), ct); // a retried poll

        // Assert
        Assert.Null(before);
        Assert.Equal(storyId, await store.FindStoryOfAsync(item, ct));
        Assert.Equal([item], (await store.GetAsync(storyId, ct))!.MemberIds);
    }

    [Fact]
    public async Task FindCandidatesAsync_ReturnsReportsUnderTheKeys_InsideTheWindow_WithTheirFeatures()
    {
        // Arrange
        var store = new TableStoryStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var keys = NewKeys(4);
        var (inside, atEdge, tooOld, elsewhere) = (NewId(), NewId(), NewId(), NewId());
        await store.SaveMemberAsync(Member("st-a", inside, null, Noon.AddDays(-1), [keys[0], keys[1]]), ct);
        await store.SaveMemberAsync(Member("st-b", atEdge, null, Noon.AddDays(-3), [keys[2]]), ct);
        await store.SaveMemberAsync(Member("st-c", tooOld, null, Noon.AddDays(-3).AddSeconds(-1), [keys[3]]), ct);
        await store.SaveMemberAsync(Member("st-d", elsewhere, null, Noon, NewKeys(2)), ct);

        // Act
        var candidates = await store.FindCandidatesAsync(keys, Noon.AddDays(-3), Noon.AddDays(3), ct);

        // Assert
        Assert.Equal(new[] { atEdge, inside }.Order(StringComparer.Ordinal), candidates.Select(c => c.ItemId).Order(StringComparer.Ordinal));
        var found = candidates.Single(c => c.ItemId == inside);
        Assert.Equal("st-a", found.StoryId);
        Assert.Equal(Noon.AddDays(-1), found.Features.Time);
        Assert.Equal(["mtz", "tractor"], found.Features.Concepts);
        Assert.Equal(["3000"], found.Features.Numbers);
        Assert.Equal(StoryScript.Cyrillic, found.Features.Script);
    }

    [Fact]
    public async Task FindCandidatesAsync_ReadsAtMostMaxPerBandRowsPerKey_NewestFirst()
    {
        // Arrange
        var store = new TableStoryStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var key = NewKeys(1);
        var ids = new List<string>();
        for (var i = 0; i < TableStoryStore.MaxPerBand + 5; i++)
        {
            ids.Add(NewId());
            await store.SaveMemberAsync(Member("st-hot", ids[^1], null, Noon.AddMinutes(-i), key), ct);
        }

        // Act
        var candidates = await store.FindCandidatesAsync(key, Noon.AddDays(-1), Noon, ct);

        // Assert: the five oldest are beyond the page.
        Assert.Equal(TableStoryStore.MaxPerBand, candidates.Count);
        Assert.Equal(ids.Take(TableStoryStore.MaxPerBand).Order(StringComparer.Ordinal), candidates.Select(c => c.ItemId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SaveMemberAsync_AcceptsItemIds_ThatAreNotValidKeys()
    {
        // Arrange
        var store = new TableStoryStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var item = "line-1/?#" + NewId();
        var keys = NewKeys(1);

        // Act
        await store.SaveMemberAsync(Member("st-odd", item, null, Noon, keys), ct);

        // Assert
        Assert.Equal("st-odd", await store.FindStoryOfAsync(item, ct));
        Assert.Equal(item, Assert.Single(await store.FindCandidatesAsync(keys, Noon.AddHours(-1), Noon.AddHours(1), ct)).ItemId);
    }

    [Fact]
    public void AddRelationsAlertsStorage_ReplacesTheInMemoryStoryStore()
    {
        // Arrange
        var services = new ServiceCollection().AddRelationsAlertsCore();

        // Act
        services.AddRelationsAlertsStorage();

        // Assert
        var registration = Assert.Single(services, d => d.ServiceType == typeof(IStoryStore));
        Assert.Equal(typeof(TableStoryStore), registration.ImplementationType);
    }

    private static StoryMember Member(string storyId, string itemId, string? outlet, DateTimeOffset published, IReadOnlyList<string> keys) =>
        new(storyId, itemId, outlet, new StoryFeatures
        {
            Time = published,
            Script = StoryScript.Cyrillic,
            Concepts = ["mtz", "tractor"],
            Countries = ["belarus", "pakistan"],
            Numbers = ["3000"],
        }, keys);

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string[] NewKeys(int count) => [.. Enumerable.Range(0, count).Select(i => $"b{i:D2}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}")];
}
