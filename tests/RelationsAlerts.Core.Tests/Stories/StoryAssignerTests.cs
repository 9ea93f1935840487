using Microsoft.Extensions.Logging.Abstractions;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Stories;
using RelationsAlerts.Core.Tests.Infrastructure;

namespace RelationsAlerts.Core.Tests.Stories;

public sealed class StoryAssignerTests
{
    private static readonly DateTimeOffset Day = new(2026, 10, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task AssignAsync_FilesReportsOfOneEvent_UnderOneStory()
    {
        // Arrange
        var store = new InMemoryStoryStore();
        using var assigner = new StoryAssigner(store, NullLogger<StoryAssigner>.Instance);
        var ct = TestContext.Current.CancellationToken;
        var first = Item("a1", "BelAZ to supply 30 heavy dump trucks for Thar coal mining",
            "Belarusian truck maker BelAZ signed a contract with a Pakistani coal mining company to deliver 30 dump trucks to the Thar coalfield.", 0, "Business Chronicle");
        var translation = Item("a2", "БелАЗ поставит 30 карьерных самосвалов в Пакистан",
            "Техника предназначена для угольного разреза в пустыне Тхар. В провинции Синд откроется сервисный центр.", 21, "Деловой Минск");
        var unrelated = Item("a3", "Belarus offers 100 scholarships to Pakistani students",
            "Under an agreement with the Higher Education Commission, Belarus will fund 100 places.", 22, null) with { Link = new Uri("https://indus.example/x") };

        // Act
        var a = await assigner.AssignAsync(first, ct);
        var b = await assigner.AssignAsync(translation, ct);
        var c = await assigner.AssignAsync(unrelated, ct);
        var story = await store.GetAsync(a.StoryId!, ct);

        // Assert
        Assert.Equal(StoryIds.For("a1"), a.StoryId);
        Assert.Equal(a.StoryId, b.StoryId);
        Assert.NotEqual(a.StoryId, c.StoryId);
        Assert.Equal(StoryIds.For("a3"), c.StoryId);
        Assert.NotNull(story);
        Assert.Equal("a1", story.FirstItemId);
        Assert.Equal(["a1", "a2"], story.MemberIds);
        Assert.Equal(["Business Chronicle", "Деловой Минск"], story.Outlets);
        Assert.Equal(["indus.example"], (await store.GetAsync(c.StoryId!, ct))!.Outlets);
    }

    [Fact]
    public async Task AssignAsync_KeepsTheStory_OfAnItemSeenBefore()
    {
        // Arrange
        var store = new InMemoryStoryStore();
        using var assigner = new StoryAssigner(store, NullLogger<StoryAssigner>.Instance);
        var ct = TestContext.Current.CancellationToken;
        var item = Item("b1", "Belavia studies Minsk-Lahore charter flights", "Belavia is in talks with Pakistan's civil aviation authority.", 0, "Minsk Bulletin");
        var first = await assigner.AssignAsync(item, ct);

        // Act: the feed is polled again, the entry now reworded.
        var again = await assigner.AssignAsync(item with { Title = "Belavia plans charters to Lahore" }, ct);

        // Assert
        Assert.Equal(first.StoryId, again.StoryId);
        Assert.Equal(["b1"], (await store.GetAsync(first.StoryId!, ct))!.MemberIds);
    }

    [Fact]
    public async Task ClusterAsync_IsDeterministic_AndOrdersByPublication()
    {
        // Arrange: given newest first, the earliest report still starts the story.
        var items = new[]
        {
            Item("c2", "МАЗ поставит 150 автобусов в Карачи", "Контракт с правительством провинции Синд на городские автобусы и их сборку.", 23, null),
            Item("c1", "Sindh signs deal for 150 MAZ buses, local assembly", "The Sindh government signed a contract with MAZ for 150 city buses for Karachi.", 0, null),
        };

        // Act
        var first = await StoryAssigner.ClusterAsync(items, TestContext.Current.CancellationToken);
        var second = await StoryAssigner.ClusterAsync(items.Reverse(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(StoryIds.For("c1"), first["c1"]);
        Assert.Equal(first["c1"], first["c2"]);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task FindCandidatesAsync_ReturnsOnlyReportsInsideTheWindow()
    {
        // Arrange
        var store = new InMemoryStoryStore();
        var ct = TestContext.Current.CancellationToken;
        var features = StorySimilarityTests.Features("Belarus offers 100 scholarships to Pakistani students", "HEC agreement.");
        var keys = LshBands.Of(features);
        await store.SaveMemberAsync(new StoryMember("st-old", "old", null, features with { Time = Day.AddDays(-5) }, keys), ct);
        await store.SaveMemberAsync(new StoryMember("st-new", "new", null, features with { Time = Day.AddDays(-1) }, keys), ct);
        await store.SaveMemberAsync(new StoryMember("st-new", "new", null, features with { Time = Day.AddDays(-1) }, keys), ct);

        // Act
        var candidates = await store.FindCandidatesAsync(keys, Day.AddDays(-3), Day.AddDays(3), ct);

        // Assert
        Assert.Equal("new", Assert.Single(candidates).ItemId);
    }

    [Fact]
    public async Task AssignManyAsync_FilesTheDevSet_AsOneReportAtATimeWould()
    {
        // Arrange: the labelled dev set, given out of order; once as one batch, once as feed-sized batches in publication order.
        var ct = TestContext.Current.CancellationToken;
        var tagger = new SectorTagger(DefaultTopics.All);
        var items = DevSet.All.Select(d => d.ToNewsItem(tagger)).ToList();
        var sequential = await StoryAssigner.ClusterAsync(items, ct);
        var ordered = items.OrderBy(i => i.PublishedAt ?? i.FirstSeenAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();

        // Act
        using var whole = new StoryAssigner(new InMemoryStoryStore(), NullLogger<StoryAssigner>.Instance);
        var oneBatch = await whole.AssignManyAsync([.. Enumerable.Reverse(items)], ct);
        using var chunked = new StoryAssigner(new InMemoryStoryStore(), NullLogger<StoryAssigner>.Instance);
        var batches = new List<NewsItem>();
        foreach (var chunk in ordered.Chunk(17))
        {
            batches.AddRange(await chunked.AssignManyAsync(chunk, ct));
        }

        // Assert
        Assert.True(sequential.Values.Distinct().Count() < items.Count, "the dev set has stories of several reports");
        Assert.Equal(sequential, oneBatch.ToDictionary(i => i.Id, i => i.StoryId!, StringComparer.Ordinal));
        Assert.Equal(sequential, batches.ToDictionary(i => i.Id, i => i.StoryId!, StringComparer.Ordinal));
        Assert.Equal(Enumerable.Reverse(items).Select(i => i.Id), oneBatch.Select(i => i.Id));
    }

    [Fact]
    public async Task AssignManyAsync_KeepsEveryStory_WhenARetriedPollFilesTheBatchAgain()
    {
        // Arrange: the first poll filed the batch, then died before storing the items.
        var store = new InMemoryStoryStore();
        using var assigner = new StoryAssigner(store, NullLogger<StoryAssigner>.Instance);
        var ct = TestContext.Current.CancellationToken;
        var batch = new[]
        {
            Item("r1", "Sindh signs deal for 150 MAZ buses, local assembly", "The Sindh government signed a contract with MAZ for 150 city buses for Karachi.", 0, null),
            Item("r2", "МАЗ поставит 150 автобусов в Карачи", "Контракт с правительством провинции Синд на городские автобусы и их сборку.", 20, null),
            Item("r3", "Belarus offers 100 scholarships to Pakistani students", "Under an agreement with the Higher Education Commission, Belarus will fund 100 places.", 2, null),
        };
        var first = await assigner.AssignManyAsync(batch, ct);

        // Act: the retry sees the entries reworded and in another order, with one new report of the first story.
        var retried = await assigner.AssignManyAsync(
            [Item("r4", "MAZ to deliver 150 buses to Karachi", "Belarusian MAZ will supply 150 city buses to the Sindh government in Karachi.", 21, null),
             .. batch.Reverse().Select(i => i with { Title = i.Title + " (updated)" })],
            ct);

        // Assert
        Assert.Equal(first.Select(i => i.StoryId), batch.Select(b => retried.Single(r => r.Id == b.Id).StoryId));
        Assert.Equal(first[0].StoryId, first[1].StoryId);
        Assert.NotEqual(first[0].StoryId, first[2].StoryId);
        Assert.Equal(["r1", "r2"], (await store.GetAsync(first[0].StoryId!, ct))!.MemberIds.Where(id => id != "r4"));
        Assert.Equal(["r3"], (await store.GetAsync(first[2].StoryId!, ct))!.MemberIds);
    }

    [Fact]
    public async Task AssignManyAsync_FromConcurrentFeeds_FilesASharedReportOnce()
    {
        // Arrange: many feeds carry the same report and finish parsing at once.
        var store = new InMemoryStoryStore();
        using var assigner = new StoryAssigner(store, NullLogger<StoryAssigner>.Instance);
        var ct = TestContext.Current.CancellationToken;
        var shared = Item("s1", "Belavia studies Minsk-Lahore charter flights", "Belavia is in talks with Pakistan's civil aviation authority.", 0, "Minsk Bulletin");
        var own = Enumerable.Range(0, 20).Select(n => Item($"s-own-{n}", $"Belarus and Pakistan discuss item {n} of {n * 37} tonnes", "Trade talks.", n, null)).ToList();

        // Act
        var results = await Task.WhenAll(own.Select(o => Task.Run(() => assigner.AssignManyAsync([o, shared], ct), ct)));

        // Assert
        Assert.Single(results.Select(r => r[1].StoryId).Distinct());
        Assert.Equal(["s1"], (await store.GetAsync(results[0][1].StoryId!, ct))!.MemberIds);
        Assert.All(results.Zip(own), p => Assert.Equal(p.Second.Id, p.First[0].Id));
        Assert.All(results, r => Assert.NotNull(r[0].StoryId));
    }

    private static NewsItem Item(string id, string title, string summary, double hours, string? source) => new()
    {
        Id = id,
        FeedId = "f",
        Title = title,
        Summary = summary,
        Source = source,
        PublishedAt = Day.AddHours(hours),
        FirstSeenAt = Day.AddHours(hours + 1),
    };
}
