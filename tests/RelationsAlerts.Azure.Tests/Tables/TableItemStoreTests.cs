using System.Security.Cryptography;
using Azure.Data.Tables;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Items;

namespace RelationsAlerts.Azure.Tests.Tables;

public sealed class TableItemStoreTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string DigestQueueName = "dq-" + Guid.NewGuid().ToString("N")[..12];

    private readonly TableServiceClient tables = fixture.TableServiceClient();

    public async ValueTask InitializeAsync() =>
        await fixture.CreateStorageAsync(DigestQueueName, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task TryAddAsync_ReturnsTrueThenFalse_ForSameId()
    {
        // Arrange
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var item = NewItem(feedId, RandomDay().AddHours(9));
        var ct = TestContext.Current.CancellationToken;

        // Act
        var first = await store.TryAddAsync(item, ct);
        var second = await store.TryAddAsync(item with { Title = "A retried copy", FirstSeenAt = item.FirstSeenAt.AddHours(1) }, ct);

        // Assert
        Assert.True(first);
        Assert.False(second);
        var stored = Assert.Single(await ListMineAsync(store, feedId, item.FirstSeenAt.AddDays(-1), item.FirstSeenAt.AddDays(1)));
        Assert.Equal(item.Title, stored.Title);
        Assert.Equal(item.FirstSeenAt, stored.FirstSeenAt);
    }

    [Fact]
    public async Task ListSeenBetweenAsync_ReturnsItemsNewestFirst_AcrossTwoUtcDays()
    {
        // Arrange
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var day = RandomDay();
        var lateDayOne = NewItem(feedId, day.AddHours(22));
        var lastSecondDayOne = NewItem(feedId, day.AddDays(1).AddSeconds(-1));
        var firstSecondDayTwo = NewItem(feedId, day.AddDays(1));
        var morningDayTwo = NewItem(feedId, day.AddDays(1).AddHours(3));
        var ct = TestContext.Current.CancellationToken;
        foreach (var item in new[] { firstSecondDayTwo, lateDayOne, morningDayTwo, lastSecondDayOne })
        {
            Assert.True(await store.TryAddAsync(item, ct));
        }

        // Act
        var result = await ListMineAsync(store, feedId, day.AddHours(20), day.AddDays(1).AddHours(12));

        // Assert
        Assert.Equal(
            [morningDayTwo.Id, firstSecondDayTwo.Id, lastSecondDayOne.Id, lateDayOne.Id],
            result.Select(i => i.Id));
        AssertSameItem(morningDayTwo, result[0]);
        AssertSameItem(lateDayOne, result[^1]);
    }

    /// <summary>IItemStore: "items first seen after from and up to and including until" (from, until].</summary>
    [Fact]
    public async Task ListSeenBetweenAsync_ExcludesFromAndIncludesUntil_AtBounds()
    {
        // Arrange
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var from = RandomDay().AddHours(6);
        var until = from.AddHours(12);
        var beforeFrom = NewItem(feedId, from.AddSeconds(-1));
        var atFrom = NewItem(feedId, from);
        var afterFrom = NewItem(feedId, from.AddSeconds(1));
        var beforeUntil = NewItem(feedId, until.AddSeconds(-1));
        var atUntil = NewItem(feedId, until);
        var afterUntil = NewItem(feedId, until.AddSeconds(1));
        var ct = TestContext.Current.CancellationToken;
        foreach (var item in new[] { beforeFrom, atFrom, afterFrom, beforeUntil, atUntil, afterUntil })
        {
            Assert.True(await store.TryAddAsync(item, ct));
        }

        // Act
        var result = await ListMineAsync(store, feedId, from, until);

        // Assert
        Assert.Equal([atUntil.Id, beforeUntil.Id, afterFrom.Id], result.Select(i => i.Id));
    }

    [Fact]
    public async Task ListSeenBetweenAsync_FindsItemByUtcDay_WhenBoundsHaveNonUtcOffset()
    {
        // Arrange
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var day = RandomDay();
        var item = NewItem(feedId, day.AddHours(23).AddMinutes(30)); // 04:30 the next day in Pakistan (UTC+5)
        Assert.True(await store.TryAddAsync(item, TestContext.Current.CancellationToken));
        var pakistan = TimeSpan.FromHours(5);

        // Act: both windows start on the next local day; only the first one covers the item's instant.
        var covering = await ListMineAsync(store, feedId, day.AddHours(23).ToOffset(pakistan), day.AddDays(1).AddHours(1).ToOffset(pakistan));
        var after = await ListMineAsync(store, feedId, day.AddDays(1).ToOffset(pakistan), day.AddDays(1).AddHours(5).ToOffset(pakistan));

        // Assert
        Assert.Equal(item.Id, Assert.Single(covering).Id);
        Assert.Empty(after);
    }

    [Fact]
    public async Task TryAddAsync_RepairsHalfWrittenItem_WhenIndexRowIsIncomplete()
    {
        // Arrange
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var firstSeen = RandomDay().AddHours(14);
        var item = NewItem(feedId, firstSeen);
        var ct = TestContext.Current.CancellationToken;
        var halfWritten = new TableEntity(item.Id[..2], item.Id)
        {
            ["FeedId"] = item.FeedId,
            ["Title"] = item.Title,
            ["Link"] = item.Link!.AbsoluteUri,
            ["Summary"] = item.Summary,
            ["Source"] = item.Source,
            ["PublishedAt"] = item.PublishedAt,
            ["FirstSeenAt"] = item.FirstSeenAt,
            ["Sectors"] = """["trade","energy"]""",
            ["RelevanceScore"] = item.RelevanceScore,
            ["Reasons"] = """["kept: score 0.90"]""",
            ["Complete"] = false,
        };
        await tables.GetTableClient(TableNames.Items).AddEntityAsync(halfWritten, ct);
        var before = await ListMineAsync(store, feedId, firstSeen.AddDays(-1), firstSeen.AddDays(1));

        // Act
        var added = await store.TryAddAsync(item with { FirstSeenAt = firstSeen.AddHours(2) }, ct);

        // Assert
        Assert.Empty(before);
        Assert.True(added);
        var repaired = Assert.Single(await ListMineAsync(store, feedId, firstSeen.AddDays(-1), firstSeen.AddDays(1)));
        AssertSameItem(item, repaired);
        Assert.False(await store.TryAddAsync(item, ct));
        Assert.True((await store.FindStoredAsync([item.Id], ct)).ContainsKey(item.Id));
    }

    [Fact]
    public async Task TryAddAsync_ClipsSummary_WhenLongerThanTableStringLimit()
    {
        // Arrange
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var summary = string.Concat(Enumerable.Repeat("Пакистан и Беларусь расширяют торговлю. ", 1_000));
        var item = NewItem(feedId, RandomDay().AddHours(8)) with { Summary = summary, Title = new string('T', 5_000) };
        Assert.True(summary.Length > 32 * 1024);

        // Act
        var added = await store.TryAddAsync(item, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(added);
        var stored = Assert.Single(await ListMineAsync(store, feedId, item.FirstSeenAt.AddMinutes(-1), item.FirstSeenAt.AddMinutes(1)));
        Assert.InRange(stored.Summary.Length, 1, 32 * 1024);
        Assert.StartsWith(stored.Summary, summary, StringComparison.Ordinal);
        Assert.InRange(stored.Title.Length, 1, item.Title.Length - 1);
    }

    [Fact]
    public async Task TryAddAsync_StoresWellFormedSummary_WhenClipFallsInsideSurrogatePair()
    {
        // Arrange: emoji (two UTF-16 units each) after one ASCII letter, so any even clip length splits one.
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var summary = "x" + string.Concat(Enumerable.Repeat("\U0001F600", 20_000));
        var item = NewItem(feedId, RandomDay().AddHours(11)) with { Summary = summary };
        var ct = TestContext.Current.CancellationToken;

        // Act
        var addException = await Record.ExceptionAsync(() => store.TryAddAsync(item, ct));

        // Assert
        Assert.Null(addException);
        var stored = Assert.Single(await ListMineAsync(store, feedId, item.FirstSeenAt.AddMinutes(-1), item.FirstSeenAt.AddMinutes(1)));
        Assert.False(stored.Summary.Contains('\uFFFD', StringComparison.Ordinal), "the clip kept half of a surrogate pair, stored as U+FFFD");
        Assert.StartsWith(stored.Summary, summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryAddAsync_StoresListableItem_WhenReasonsJsonExceedsClipLimit()
    {
        // Arrange: many matched non-Latin terms; the default JSON encoder writes each as \uXXXX (six characters).
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var reasons = Enumerable.Range(0, 60)
            .Select(i => $"sector trade: торговл* {i}, товарооборот*, экспорт*, импорт*, تجارت*, برآمد*")
            .ToList();
        var item = NewItem(feedId, RandomDay().AddHours(10)) with { Reasons = reasons };
        var ct = TestContext.Current.CancellationToken;

        // Act
        var addException = await Record.ExceptionAsync(() => store.TryAddAsync(item, ct));
        var listException = await Record.ExceptionAsync(() => ListMineAsync(store, feedId, item.FirstSeenAt.AddMinutes(-1), item.FirstSeenAt.AddMinutes(1)));

        // Assert
        Assert.Null(addException);
        Assert.Null(listException);
        var stored = Assert.Single(await ListMineAsync(store, feedId, item.FirstSeenAt.AddMinutes(-1), item.FirstSeenAt.AddMinutes(1)));
        Assert.NotEmpty(stored.Reasons);
        Assert.All(stored.Reasons, r => Assert.Contains(r, reasons));
    }

    [Fact]
    public async Task TryAddAsync_StoresStoryId_AndKeepsTheFirstStory_WhenAddedAgain()
    {
        // Arrange
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var item = NewItem(feedId, RandomDay().AddHours(7)) with { StoryId = "st-0123456789ab" };
        var ct = TestContext.Current.CancellationToken;

        // Act
        Assert.True(await store.TryAddAsync(item, ct));
        Assert.False(await store.TryAddAsync(item with { StoryId = "st-ba9876543210" }, ct));

        // Assert
        var stored = Assert.Single(await ListMineAsync(store, feedId, item.FirstSeenAt.AddMinutes(-1), item.FirstSeenAt.AddMinutes(1)));
        Assert.Equal("st-0123456789ab", stored.StoryId);
    }

    [Fact]
    public async Task TryAddManyAsync_ReturnsWhichWereNew_AndStoresEachOnce()
    {
        // Arrange: two items in one index partition (one transaction), the rest spread, one id repeated, one stored before.
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var seen = RandomDay().AddHours(9);
        var ct = TestContext.Current.CancellationToken;
        var before = NewItem(feedId, seen);
        Assert.True(await store.TryAddAsync(before, ct));
        var sameA = NewItem(feedId, seen, "ab");
        var sameB = NewItem(feedId, seen, "ab");
        var other = NewItem(feedId, seen.AddHours(1));
        var batch = new[] { sameA, before with { Title = "A retried copy" }, sameB, other, sameA with { Title = "Repeated in the batch" } };

        // Act
        var first = await store.TryAddManyAsync(batch, ct);
        var again = await store.TryAddManyAsync(batch, ct);

        // Assert
        Assert.Equal([true, false, true, true, false], first);
        Assert.Equal([false, false, false, false, false], again);
        var stored = await ListMineAsync(store, feedId, seen.AddDays(-1), seen.AddDays(1));
        Assert.Equal(4, stored.Count);
        Assert.Equal(before.Title, stored.Single(i => i.Id == before.Id).Title);
        AssertSameItem(sameA, stored.Single(i => i.Id == sameA.Id));
        AssertSameItem(sameB, stored.Single(i => i.Id == sameB.Id));
        var found = await store.FindStoredAsync([sameA.Id, sameB.Id, other.Id, before.Id], ct);
        Assert.Equal(4, found.Count);
    }

    [Fact]
    public async Task TryAddManyAsync_CompletesHalfWrittenItems_WithTheirStoredFirstSeenTime()
    {
        // Arrange: an add that died after claiming its index row, next to a new item in the same index partition.
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var firstSeen = RandomDay().AddHours(23);
        var ct = TestContext.Current.CancellationToken;
        var halfWritten = NewItem(feedId, firstSeen, "cd");
        var fresh = NewItem(feedId, firstSeen, "cd");
        var incomplete = new TableEntity(halfWritten.Id[..2], halfWritten.Id)
        {
            ["FeedId"] = halfWritten.FeedId,
            ["Title"] = halfWritten.Title,
            ["Link"] = halfWritten.Link!.AbsoluteUri,
            ["Summary"] = halfWritten.Summary,
            ["Source"] = halfWritten.Source,
            ["PublishedAt"] = halfWritten.PublishedAt,
            ["FirstSeenAt"] = halfWritten.FirstSeenAt,
            ["Sectors"] = """["trade","energy"]""",
            ["RelevanceScore"] = halfWritten.RelevanceScore,
            ["Reasons"] = """["kept: score 0.90"]""",
            ["Complete"] = false,
        };
        await tables.GetTableClient(TableNames.Items).AddEntityAsync(incomplete, ct);
        Assert.Empty(await store.FindStoredAsync([halfWritten.Id], ct));

        // Act: seen again two hours later, on the next UTC day.
        var added = await store.TryAddManyAsync([halfWritten with { FirstSeenAt = firstSeen.AddHours(2) }, fresh], ct);

        // Assert
        Assert.Equal([true, true], added);
        var stored = await ListMineAsync(store, feedId, firstSeen.AddDays(-1), firstSeen.AddDays(1));
        AssertSameItem(halfWritten, stored.Single(i => i.Id == halfWritten.Id));
        AssertSameItem(fresh, stored.Single(i => i.Id == fresh.Id));
        Assert.Equal(2, (await store.FindStoredAsync([halfWritten.Id, fresh.Id], ct)).Count);
        Assert.Equal([false, false], await store.TryAddManyAsync([halfWritten, fresh], ct));
    }

    [Fact]
    public async Task ClaimManyAsync_ThenCompleteManyAsync_StoresWithTheStory_AndReportsWhatEachClaimFound()
    {
        // Arrange: a stored item, an add that died after its claim, and two new items (one repeated), some sharing a partition.
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var seen = RandomDay().AddHours(10);
        var ct = TestContext.Current.CancellationToken;
        var stored = NewItem(feedId, seen, "a1");
        var died = NewItem(feedId, seen.AddMinutes(-30), "a1");
        var (fresh, other) = (NewItem(feedId, seen, "a1"), NewItem(feedId, seen, "a2"));
        Assert.True(await store.TryAddAsync(stored, ct));
        Assert.Equal(ItemClaimStatus.New, Assert.Single(await store.ClaimManyAsync([died], ct)).Status);

        // Act
        var claims = await store.ClaimManyAsync([stored, died with { FirstSeenAt = seen }, fresh, other, fresh], ct);
        var filed = claims.Where(c => c.Status != ItemClaimStatus.Stored).Select(c => c.Item with { StoryId = StoryId(c.Item.Id) }).ToList();
        var before = await store.FindStoredAsync([died.Id, fresh.Id, other.Id], ct);
        await store.CompleteManyAsync(filed, ct);

        // Assert
        Assert.Equal(
            [ItemClaimStatus.Stored, ItemClaimStatus.Unfinished, ItemClaimStatus.New, ItemClaimStatus.New, ItemClaimStatus.Stored],
            claims.Select(c => c.Status));
        Assert.Equal(died.FirstSeenAt, claims[1].Item.FirstSeenAt); // the stored first-seen time, not this poll's
        Assert.Empty(before); // claimed is not stored
        var found = await store.FindStoredAsync([stored.Id, died.Id, fresh.Id, other.Id], ct);
        Assert.Equal(4, found.Count);
        Assert.All([died, fresh, other], i => Assert.Equal(StoryId(i.Id), found[i.Id]));
        var listed = await ListMineAsync(store, feedId, seen.AddDays(-1), seen.AddDays(1));
        Assert.Equal(4, listed.Count);
        Assert.Equal(StoryId(fresh.Id), listed.Single(i => i.Id == fresh.Id).StoryId);
        Assert.All(await store.ClaimManyAsync([stored, died, fresh, other], ct), c => Assert.Equal(ItemClaimStatus.Stored, c.Status));
    }

    private static string StoryId(string itemId) => "st-" + itemId[..12];

    [Fact]
    public async Task TryAddManyAsync_ReturnsEmpty_ForEmptyBatch()
    {
        var store = new TableItemStore(tables);

        var added = await store.TryAddManyAsync([], TestContext.Current.CancellationToken);

        Assert.Empty(added);
    }

    [Fact]
    public async Task TryAddManyAsync_StoresLargeBatchInOnePartition_InSeveralTransactions()
    {
        // Arrange: more rows than one transaction carries, all in one index partition and one day.
        var store = new TableItemStore(tables);
        var feedId = NewFeedId();
        var seen = RandomDay().AddHours(12);
        var ct = TestContext.Current.CancellationToken;
        var items = Enumerable.Range(0, 130).Select(_ => NewItem(feedId, seen, "ef")).ToList();

        // Act
        var added = await store.TryAddManyAsync(items, ct);

        // Assert
        Assert.All(added, Assert.True);
        Assert.Equal(130, (await ListMineAsync(store, feedId, seen.AddMinutes(-1), seen.AddMinutes(1))).Count);
        Assert.Equal(130, (await store.FindStoredAsync([.. items.Select(i => i.Id)], ct)).Count);
    }

    private static async Task<List<NewsItem>> ListMineAsync(TableItemStore store, string feedId, DateTimeOffset from, DateTimeOffset until)
    {
        var all = await store.ListSeenBetweenAsync(from, until, TestContext.Current.CancellationToken);
        return [.. all.Where(i => i.FeedId == feedId)];
    }

    private static void AssertSameItem(NewsItem expected, NewsItem actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.FeedId, actual.FeedId);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Link, actual.Link);
        Assert.Equal(expected.Summary, actual.Summary);
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.PublishedAt, actual.PublishedAt);
        Assert.Equal(expected.FirstSeenAt, actual.FirstSeenAt);
        Assert.Equal(expected.Sectors, actual.Sectors);
        Assert.Equal(expected.RelevanceScore, actual.RelevanceScore);
        Assert.Equal(expected.Reasons, actual.Reasons);
    }

    private static NewsItem NewItem(string feedId, DateTimeOffset firstSeenAt, string? prefix = null)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        id = prefix is null ? id : prefix + id[prefix.Length..];
        return new NewsItem
        {
            Id = id,
            FeedId = feedId,
            Title = $"Pakistan and Belarus sign trade deal {id[..8]}",
            Link = new Uri($"https://news.example.org/articles/{id}"),
            Summary = "Islamabad and Minsk agreed to raise trade turnover. پاکستان اور بیلاروس",
            Source = "Example News",
            PublishedAt = firstSeenAt.AddMinutes(-30),
            FirstSeenAt = firstSeenAt,
            Sectors = ["trade", "energy"],
            RelevanceScore = 0.9,
            Reasons = ["kept: score 0.90"],
        };
    }

    private static string NewFeedId() => "f-" + Guid.NewGuid().ToString("N");

    /// <summary>Midnight UTC of a random day, so tests sharing the emulator rarely share a day partition.</summary>
    private static DateTimeOffset RandomDay() =>
        new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(RandomNumberGenerator.GetInt32(0, 20_000));
}
