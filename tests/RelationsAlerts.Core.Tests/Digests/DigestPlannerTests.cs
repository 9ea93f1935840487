using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Tests.Digests;

public sealed class DigestPlannerTests
{
    private static readonly DateTimeOffset Until = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(7);

    [Fact]
    public void Plan_GroupsSubscribersWhoseDigestsAreIdentical_EvenWithDifferentSectorSets()
    {
        // Arrange: nothing in health, so {trade} and {trade, health} read the same; {energy} differs.
        NewsItem[] items = [Item("t1", "trade", -2), Item("e1", "energy", -3)];
        (Subscriber, DateTimeOffset)[] due =
        [
            (Subscriber("a", "trade"), Until),
            (Subscriber("b", "trade", "health"), Until),
            (Subscriber("c", "energy"), Until),
            (Subscriber("d", "health"), Until),
        ];

        // Act
        var jobs = DigestPlanner.Plan(due, items, DefaultTopics.All, Lookback);

        // Assert: one job (small groups share it), three content groups inside it, each group contiguous.
        var job = Assert.Single(jobs);
        Assert.Equal(2, job.Version);
        Assert.Equal(4, job.Recipients.Count);
        var groups = Groups(due, items);
        Assert.Equal(3, groups.Count);
        Assert.Contains(groups, g => g.SetEquals(["a", "b"]));
        Assert.Contains(groups, g => g.SetEquals(["c"]));
        Assert.Contains(groups, g => g.SetEquals(["d"]));
    }

    [Fact]
    public void Plan_SeparatesDifferentWindows()
    {
        // Arrange: b's previous digest already showed t1; c is due at another instant.
        NewsItem[] items = [Item("t1", "trade", -5), Item("t2", "trade", -1)];
        (Subscriber, DateTimeOffset)[] due =
        [
            (Subscriber("a", "trade"), Until),
            (Subscriber("b", "trade") with { LastDigestUntil = Until.AddHours(-3) }, Until),
            (Subscriber("c", "trade"), Until.AddHours(1)),
        ];

        // Act
        var jobs = DigestPlanner.Plan(due, items, DefaultTopics.All, Lookback);

        // Assert: a and b differ in content (one job, two groups); c is in a job of its own window.
        Assert.Equal(2, jobs.Count);
        Assert.Equal(3, Groups(due, items).Count);
        Assert.Equal(Until.AddHours(1), Assert.Single(jobs, j => j.Recipients.Contains("c")).Until);
        Assert.Equal(["a", "b"], Assert.Single(jobs, j => j.Until == Until).Recipients);
    }

    [Fact]
    public void Plan_ChunksLargeGroupsAtTheRequestLimit_WithStableIds()
    {
        // Arrange
        var due = Enumerable.Range(0, 2500).Select(i => (Subscriber($"s{i:D5}", "trade"), Until)).ToList();

        // Act
        var jobs = DigestPlanner.Plan(due, [Item("t1", "trade", -1)], DefaultTopics.All, Lookback);
        var again = DigestPlanner.Plan(due.AsEnumerable().Reverse().ToList(), [Item("t1", "trade", -1)], DefaultTopics.All, Lookback);

        // Assert
        Assert.Equal([1000, 1000, 500], jobs.Select(j => j.Recipients.Count));
        Assert.Equal(2500, jobs.SelectMany(j => j.Recipients).Distinct().Count());
        Assert.Equal(jobs.Select(j => j.DigestId), again.Select(j => j.DigestId));
        Assert.Equal(jobs.Select(j => string.Join(',', j.Recipients)), again.Select(j => string.Join(',', j.Recipients)));
    }

    [Fact]
    public void Plan_NeverSplitsAGroupAcrossJobs_WhilePackingSmallGroups()
    {
        // Arrange: groups of 700, 400 and 300 (three sectors with their own news).
        NewsItem[] items = [Item("t1", "trade", -1), Item("e1", "energy", -1), Item("h1", "health", -1)];
        var due = Enumerable.Range(0, 700).Select(i => (Subscriber($"t{i:D4}", "trade"), Until))
            .Concat(Enumerable.Range(0, 400).Select(i => (Subscriber($"e{i:D4}", "energy"), Until)))
            .Concat(Enumerable.Range(0, 300).Select(i => (Subscriber($"h{i:D4}", "health"), Until)))
            .ToList();

        // Act
        var jobs = DigestPlanner.Plan(due, items, DefaultTopics.All, Lookback);

        // Assert: 1,400 recipients in two jobs, each sector's readers all in one job.
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.True(j.Recipients.Count <= DigestRequest.MaxRecipients));
        foreach (var prefix in new[] { "t", "e", "h" })
        {
            Assert.Single(jobs, j => j.Recipients.Any(r => r.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Fingerprint_Differs_WhenOutletsOrOrderDiffer()
    {
        // Arrange
        var subscriber = Subscriber("a", "trade");
        var one = DigestBuilder.Build("x", Until, subscriber, [Item("t1", "trade", -2)], DefaultTopics.All);
        var two = DigestBuilder.Build("y", Until, subscriber, [Item("t1", "trade", -2), Item("t2", "trade", -1) with { StoryId = "st" }], DefaultTopics.All);
        var same = DigestBuilder.Build("z", Until, subscriber with { Id = "b" }, [Item("t1", "trade", -2)], DefaultTopics.All);

        // Act + Assert
        Assert.Equal(DigestFingerprint.Of(one), DigestFingerprint.Of(same));
        Assert.NotEqual(DigestFingerprint.Of(one), DigestFingerprint.Of(two));
    }

    /// <summary>Content groups as SendDigest forms them: subscribers whose built digests have one fingerprint.</summary>
    private static List<HashSet<string>> Groups(IEnumerable<(Subscriber Subscriber, DateTimeOffset Until)> due, NewsItem[] items) =>
        [.. due.GroupBy(d => (d.Until, DigestFingerprint.Of(DigestBuilder.Build("x", d.Until, d.Subscriber, items.Where(i => i.FirstSeenAt > DigestPlanner.Start(d.Subscriber, d.Until, Lookback) && i.FirstSeenAt <= d.Until), DefaultTopics.All))))
            .Select(g => g.Select(d => d.Subscriber.Id).ToHashSet(StringComparer.Ordinal))];

    private static Subscriber Subscriber(string id, params string[] sectors) => new()
    {
        Id = id,
        Email = id + "@example.com",
        Sectors = sectors,
        Status = SubscriberStatus.Active,
        Frequency = DigestFrequency.Daily,
    };

    private static NewsItem Item(string id, string sector, double hours) => new()
    {
        Id = id,
        FeedId = "f",
        Title = $"Pakistan and Belarus agree on {sector} ({id})",
        PublishedAt = Until.AddHours(hours),
        FirstSeenAt = Until.AddHours(hours),
        Sectors = [sector],
    };
}
