using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core;
using RelationsAlerts.Core.Items;
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
        var keys = NewKeys(3);
        var (first, second, third) = (NewId(), NewId(), NewId());
        var storyId = StoryIds.For(first); // a story is named after the report that started it

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
        var before = await store.FindStoryOfAsync(item, Noon, ct);

        // Act
        await store.SaveMemberAsync(Member(storyId, item, null, Noon, NewKeys(2)), ct);
        await store.SaveMemberAsync(Member(storyId, item, null, Noon, NewKeys(2)), ct); // a retried poll

        // Assert
        Assert.Null(before);
        Assert.Equal(storyId, await store.FindStoryOfAsync(item, Noon, ct));
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
        Assert.Equal("st-odd", await store.FindStoryOfAsync(item, Noon, ct));
        Assert.Equal(item, Assert.Single(await store.FindCandidatesAsync(keys, Noon.AddHours(-1), Noon.AddHours(1), ct)).ItemId);
    }

    [Fact]
    public async Task SaveMembersAsync_IsIdempotent_AndFindsEveryReport_AcrossDaysAndStories()
    {
        // Arrange: one batch over three days and two stories, saved twice (a retried poll).
        var store = new TableStoryStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var day = RandomNoon();
        var keys = NewKeys(2);
        var ids = Enumerable.Range(0, 6).Select(_ => NewId()).ToList();
        var (started, joined) = (StoryIds.For(ids[0]), StoryIds.For(ids[3]));
        var members = ids.Select((id, n) => Member(n < 3 ? started : joined, id, $"outlet {n}", day.AddHours(-20 * n), keys)).ToList();

        // Act
        await store.SaveMembersAsync(members, ct);
        await store.SaveMembersAsync([.. Enumerable.Reverse(members)], ct);
        var stories = await store.FindStoriesOfAsync([.. members.Select(m => new StoryReportKey(m.ItemId, m.PublishedAt)), new StoryReportKey(NewId(), day)], ct);
        var candidates = await store.FindCandidatesAsync(
            [new StoryProbe(keys, day.AddDays(-1), day), new StoryProbe([keys[1]], day.AddDays(-5), day.AddDays(-2)), new StoryProbe(NewKeys(1), day.AddDays(-5), day)],
            ct);

        // Assert
        Assert.Equal(ids.Select((id, n) => (id, n < 3 ? started : joined)), stories.OrderBy(s => ids.IndexOf(s.Key)).Select(s => (s.Key, s.Value)));
        Assert.Equal(ids[0], (await store.GetAsync(started, ct))!.FirstItemId);
        Assert.Equal([ids[2], ids[1], ids[0]], (await store.GetAsync(started, ct))!.MemberIds);
        Assert.Equal([ids[5], ids[4], ids[3]], (await store.GetAsync(joined, ct))!.MemberIds);
        Assert.Equal([ids[0], ids[1]], candidates[0].Select(c => c.ItemId));
        Assert.Equal([ids[3], ids[4], ids[5]], candidates[1].Select(c => c.ItemId));
        Assert.Empty(candidates[2]);
    }

    [Fact]
    public async Task StoryAssigner_FilesTheDevSetInBatches_AsOneReportAtATimeWould()
    {
        // Arrange: the labelled dev set moved to a random year (so tests sharing the emulator never meet), in feed-sized
        // batches in publication order: each batch reads the ones stored before it and clusters itself in memory.
        var ct = TestContext.Current.CancellationToken;
        var prefix = NewId()[..8] + "-";
        var shift = TimeSpan.FromDays(365 * RandomNumberGenerator.GetInt32(20, 2_000));
        var items = DevSetItems(prefix, shift);
        var sequential = await StoryAssigner.ClusterAsync(items, ct);
        var store = new TableStoryStore(tables);
        using var assigner = new StoryAssigner(store, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoryAssigner>.Instance);

        // Act
        var filed = new List<NewsItem>();
        foreach (var batch in items.OrderBy(i => i.PublishedAt).ThenBy(i => i.Id, StringComparer.Ordinal).Chunk(40))
        {
            filed.AddRange(await assigner.AssignManyAsync(batch, ct));
        }

        var again = await assigner.AssignManyAsync(items, ct); // a retried poll: every item keeps its story

        // Assert
        Assert.Equal(sequential, filed.ToDictionary(i => i.Id, i => i.StoryId!, StringComparer.Ordinal));
        Assert.Equal(sequential, again.ToDictionary(i => i.Id, i => i.StoryId!, StringComparer.Ordinal));
        var multi = sequential.GroupBy(p => p.Value, StringComparer.Ordinal).First(g => g.Count() > 1);
        Assert.Equal(multi.Select(p => p.Key).Order(StringComparer.Ordinal), (await store.GetAsync(multi.Key, ct))!.MemberIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ClaimFileComplete_AfterAPollDiedBeforeCompleting_TheRetryKeepsEveryStory()
    {
        // Arrange: dev-set reports without a publication date (filed at their first-seen time, with sub-millisecond
        // ticks), claimed and filed by a poll that died before completing them.
        var ct = TestContext.Current.CancellationToken;
        var prefix = NewId()[..8] + "-";
        var shift = TimeSpan.FromDays(365 * RandomNumberGenerator.GetInt32(20, 2_000)) + TimeSpan.FromTicks(1_234_567);
        var items = DevSetItems(prefix, shift).OrderBy(i => i.FirstSeenAt).Take(80).Select(i => i with { PublishedAt = null }).ToList();
        var (stories, itemStore) = (new TableStoryStore(tables), new TableItemStore(tables));
        Assert.All(await itemStore.ClaimManyAsync(items, ct), c => Assert.Equal(ItemClaimStatus.New, c.Status));
        using (var died = new StoryAssigner(stories, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoryAssigner>.Instance))
        {
            _ = await died.AssignManyAsync(items, new HashSet<string>(), ct);
        }

        // Act: the next poll sees them again an hour later; the claims return them as stored, and that is what the story
        // index is asked about (the first attempt's stories, found by the stored first-seen times).
        var claims = await itemStore.ClaimManyAsync([.. items.Select(i => i with { FirstSeenAt = i.FirstSeenAt.AddHours(1) })], ct);
        var unfinished = claims.Select(c => c.Item).ToList();
        var firstAttempt = items.ToDictionary(i => i.Id, i => (string?)null, StringComparer.Ordinal);
        foreach (var (id, storyId) in await stories.FindStoriesOfAsync([.. unfinished.Select(i => new StoryReportKey(i.Id, i.FirstSeenAt))], ct))
        {
            firstAttempt[id] = storyId;
        }

        using var retry = new StoryAssigner(stories, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoryAssigner>.Instance);
        var filed = await retry.AssignManyAsync(unfinished, unfinished.Select(i => i.Id).ToHashSet(StringComparer.Ordinal), ct);
        await itemStore.CompleteManyAsync(filed, ct);

        // Assert
        Assert.All(claims, c => Assert.Equal(ItemClaimStatus.Unfinished, c.Status));
        Assert.Equal(items.Select(i => i.FirstSeenAt), unfinished.Select(i => i.FirstSeenAt)); // stored times, to the tick
        Assert.All(firstAttempt.Values, Assert.NotNull);
        Assert.Equal(firstAttempt, filed.ToDictionary(i => i.Id, i => i.StoryId, StringComparer.Ordinal));
        Assert.Equal(firstAttempt, (await itemStore.FindStoredAsync(firstAttempt.Keys, ct)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        var multi = firstAttempt.GroupBy(p => p.Value, StringComparer.Ordinal).First(g => g.Count() > 1);
        Assert.Equal(multi.Select(p => p.Key).Order(StringComparer.Ordinal), (await stories.GetAsync(multi.Key!, ct))!.MemberIds.Order(StringComparer.Ordinal));
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

    private static List<NewsItem> DevSetItems(string prefix, TimeSpan shift)
    {
        var path = RepositoryPaths.Combine("tests", "RelationsAlerts.Core.Tests", "testdata", "devset.jsonl");
        return [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var d = json.RootElement;
            var published = (d.TryGetProperty("published", out var p) && p.ValueKind == JsonValueKind.String ? p.GetDateTimeOffset() : DateTimeOffset.UnixEpoch.AddYears(40)) + shift;
            return new NewsItem
            {
                Id = prefix + d.GetProperty("id").GetString(),
                FeedId = "devset",
                Title = d.GetProperty("title").GetString()!,
                Summary = d.GetProperty("summary").GetString() ?? "",
                Source = d.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null,
                PublishedAt = published,
                FirstSeenAt = published,
            };
        })];
    }

    /// <summary>Noon UTC of a random day, so tests sharing the emulator never share a day partition.</summary>
    private static DateTimeOffset RandomNoon() =>
        new DateTimeOffset(2040, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(RandomNumberGenerator.GetInt32(0, 200_000));

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string[] NewKeys(int count) => [.. Enumerable.Range(0, count).Select(i => $"b{i:D2}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}")];
}
