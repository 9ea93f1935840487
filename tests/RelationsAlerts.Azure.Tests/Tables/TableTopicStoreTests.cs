using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Azure.Tests.Tables;

/// <summary>
/// The seed marker is one row for the whole table, so every test starts from an empty <c>topics</c> table
/// (tests in a class run one at a time, and this class has its own emulator).
/// </summary>
public sealed class TableTopicStoreTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string DigestQueueName = "dq-" + Guid.NewGuid().ToString("N")[..12];

    private readonly TableServiceClient tables = fixture.TableServiceClient();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Options.Create(new StorageOptions { ConnectionString = fixture.ConnectionString, DigestQueueName = DigestQueueName });
        await new StorageInitializer(tables, fixture.QueueServiceClient(), options).InitializeAsync(ct);
        var topics = tables.GetTableClient(TableNames.Topics);
        await foreach (var entity in topics.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            await topics.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, cancellationToken: ct);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SeedAsync_WritesFourteenDefaultTopics_WhenTableEmpty()
    {
        // Arrange
        var store = new TableTopicStore(tables);
        var ct = TestContext.Current.CancellationToken;

        // Act
        await store.SeedAsync(DefaultTopics.All, ct);
        await store.SeedAsync(DefaultTopics.All, ct);

        // Assert
        var topics = await store.ListAsync(ct);
        Assert.Equal(14, topics.Count);
        Assert.Equal(DefaultTopics.Ids, topics.Select(t => t.Id));
        Assert.All(DefaultTopics.All.Zip(topics), pair => AssertSameTopic(pair.First, pair.Second));
    }

    [Fact]
    public async Task SeedAsync_DoesNotReAddTopic_WhenDeletedAfterSeeding()
    {
        // Arrange
        var store = new TableTopicStore(tables);
        var ct = TestContext.Current.CancellationToken;
        await store.SeedAsync(DefaultTopics.All, ct);
        await tables.GetTableClient(TableNames.Topics).DeleteEntityAsync("topic", "tourism", cancellationToken: ct);

        // Act
        await store.SeedAsync(DefaultTopics.All, ct);

        // Assert
        var ids = (await store.ListAsync(ct)).Select(t => t.Id).ToList();
        Assert.Equal(13, ids.Count);
        Assert.DoesNotContain("tourism", ids);
    }

    [Fact]
    public async Task SeedAsync_KeepsAdminEditedTopic_WhenTopicExistedBeforeSeeding()
    {
        // Arrange
        var store = new TableTopicStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var edited = DefaultTopics.All.Single(t => t.Id == "energy") with
        {
            DisplayName = "Energy (edited)",
            Enabled = false,
            Include = new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["hydropower"] },
        };
        await store.SeedAsync([edited], ct);
        await tables.GetTableClient(TableNames.Topics).DeleteEntityAsync("meta", "seeded-v1", cancellationToken: ct);

        // Act
        await store.SeedAsync(DefaultTopics.All, ct);

        // Assert
        var topics = await store.ListAsync(ct);
        Assert.Equal(14, topics.Count);
        AssertSameTopic(edited, Assert.Single(topics, t => t.Id == "energy"));
    }

    [Fact]
    public async Task ListAsync_RoundTripsNonLatinKeywords_ForUrduAndCyrillicTerms()
    {
        // Arrange
        var store = new TableTopicStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var topic = new Topic
        {
            Id = "t-" + Guid.NewGuid().ToString("N")[..12],
            DisplayName = "Сельское хозяйство / زراعت",
            Description = "Тракторы МТЗ, کھاد اور گندم",
            Include = new Dictionary<string, IReadOnlyList<string>>
            {
                ["ru"] = ["сельск*", "трактор*", "мтз", "удобрени*"],
                ["ur"] = ["زراع*", "ٹریکٹر*", "کھاد", "افرادی قوت"],
                ["en"] = ["tractor*", "food security"],
            },
            Exclude = new Dictionary<string, IReadOnlyList<string>>
            {
                ["ru"] = ["футбол*"],
                ["ur"] = ["کرکٹ"],
            },
            Enabled = false,
        };

        // Act
        await store.SeedAsync([topic], ct);

        // Assert
        AssertSameTopic(topic, Assert.Single(await store.ListAsync(ct)));
    }

    [Fact]
    public async Task TryAddAsync_ReturnsTopicWithETag_AndNullWhenIdTaken()
    {
        // Arrange
        var store = new TableTopicStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var topic = NewTopic("Pharma");

        // Act
        var added = await store.TryAddAsync(topic, ct);
        var duplicate = await store.TryAddAsync(topic with { DisplayName = "Other" }, ct);

        // Assert
        Assert.NotNull(added?.ETag);
        Assert.Null(duplicate);
        var stored = await store.GetAsync(topic.Id, ct);
        AssertSameTopic(topic, stored!);
        Assert.Equal(added.ETag, stored!.ETag);
    }

    [Fact]
    public async Task GetAsync_ReturnsNull_WhenTopicUnknown()
    {
        // Act
        var topic = await new TableTopicStore(tables).GetAsync("no-such-topic", TestContext.Current.CancellationToken);

        // Assert
        Assert.Null(topic);
    }

    [Fact]
    public async Task TryUpdateAsync_ReplacesTopic_WhenETagCurrent()
    {
        // Arrange
        var store = new TableTopicStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var added = await store.TryAddAsync(NewTopic("Before"), ct);
        var edited = added! with
        {
            DisplayName = "After",
            Include = new Dictionary<string, IReadOnlyList<string>> { ["ur"] = ["ادوی*"] },
            Enabled = false,
        };

        // Act
        var updated = await store.TryUpdateAsync(edited, ct);

        // Assert
        Assert.NotNull(updated);
        Assert.NotEqual(added.ETag, updated.ETag);
        var stored = await store.GetAsync(added.Id, ct);
        AssertSameTopic(edited, stored!);
        Assert.Equal(updated.ETag, stored!.ETag);
    }

    [Fact]
    public async Task TryUpdateAsync_ReturnsNull_WhenETagStaleOrTopicDeleted()
    {
        // Arrange
        var store = new TableTopicStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var added = await store.TryAddAsync(NewTopic("Original"), ct);
        var first = await store.TryUpdateAsync(added! with { DisplayName = "First writer" }, ct);

        // Act
        var stale = await store.TryUpdateAsync(added with { DisplayName = "Second writer" }, ct);
        await store.DeleteAsync(added.Id, ct);
        var deleted = await store.TryUpdateAsync(first! with { DisplayName = "After delete" }, ct);

        // Assert
        Assert.Null(stale);
        Assert.Null(deleted);
        Assert.Null(await store.GetAsync(added.Id, ct));
    }

    [Fact]
    public async Task TryUpdateAsync_Throws_WhenTopicHasNoETag()
    {
        // Arrange
        var store = new TableTopicStore(tables);

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryUpdateAsync(NewTopic("x"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTopic_AndReportsMissingTopic()
    {
        // Arrange
        var store = new TableTopicStore(tables);
        var ct = TestContext.Current.CancellationToken;
        var added = await store.TryAddAsync(NewTopic("Doomed"), ct);

        // Act
        var deleted = await store.DeleteAsync(added!.Id, ct);
        var again = await store.DeleteAsync(added.Id, ct);

        // Assert
        Assert.True(deleted);
        Assert.False(again);
        Assert.Empty(await store.ListAsync(ct));
    }

    [Fact]
    public async Task ListAsync_ReturnsETags_ThatMatchGetAsync()
    {
        // Arrange
        var store = new TableTopicStore(tables);
        var ct = TestContext.Current.CancellationToken;
        await store.SeedAsync(DefaultTopics.All, ct);

        // Act
        var listed = Assert.Single(await store.ListAsync(ct), t => t.Id == "trade");

        // Assert
        Assert.Equal((await store.GetAsync("trade", ct))!.ETag, listed.ETag);
        Assert.False(string.IsNullOrEmpty(listed.ETag));
    }

    private static Topic NewTopic(string displayName) => new()
    {
        Id = "t-" + Guid.NewGuid().ToString("N")[..12],
        DisplayName = displayName,
        Include = new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["pharma*"], ["ru"] = ["фарма*"] },
        Exclude = new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["farmer*"] },
    };

    private static void AssertSameTopic(Topic expected, Topic actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.DisplayName, actual.DisplayName);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Enabled, actual.Enabled);
        AssertSameKeywords(expected.Include, actual.Include);
        AssertSameKeywords(expected.Exclude, actual.Exclude);
    }

    private static void AssertSameKeywords(IReadOnlyDictionary<string, IReadOnlyList<string>> expected, IReadOnlyDictionary<string, IReadOnlyList<string>> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (language, terms) in expected)
        {
            Assert.Equal(terms, actual[language]);
        }
    }
}
