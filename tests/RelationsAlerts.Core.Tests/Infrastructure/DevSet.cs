using System.Text.Json;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Tests.Infrastructure;

/// <summary>The labelled development set (testdata/devset.jsonl): relevance, sectors and story labels.</summary>
public static class DevSet
{
    private static readonly Lazy<IReadOnlyList<DevItem>> Items = new(() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "testdata", "devset.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<DevItem>(l, JsonSerializerOptions.Web)!)]);

    public static IReadOnlyList<DevItem> All => Items.Value;
}

public sealed record DevItem(
    string Id, string Lang, string Title, string Summary, string? Link, DateTimeOffset? Published, string? Source,
    bool Relevant, string[] Sectors, string? Story, string? Kind)
{
    public override string ToString() => $"{Id} [{Lang}/{Kind}] {Title}";

    /// <summary>The item as the poller would store it: sectors from <paramref name="tagger"/>, first seen when published.</summary>
    public NewsItem ToNewsItem(SectorTagger tagger) => new()
    {
        Id = Id,
        FeedId = "devset",
        Title = Title,
        Summary = Summary,
        Link = Link is null ? null : new Uri(Link),
        Source = Source,
        PublishedAt = Published,
        FirstSeenAt = Published ?? DateTimeOffset.UnixEpoch,
        Sectors = [.. tagger.Tag(Title, Summary).Select(s => s.SectorId)],
    };
}
