using Microsoft.Extensions.Logging.Abstractions;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Stories;

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
