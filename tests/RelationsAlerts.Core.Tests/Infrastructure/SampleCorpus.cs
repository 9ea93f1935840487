using System.Text.Json;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Infrastructure;

/// <summary>The labelled sample feeds (samples/feeds + samples/labels.json), parsed with our own parser.</summary>
public static class SampleCorpus
{
    private static readonly Lazy<IReadOnlyList<LabelledItem>> Items = new(Load);

    public static IReadOnlyList<LabelledItem> All => Items.Value;

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "samples");

    private static List<LabelledItem> Load()
    {
        var labels = JsonSerializer.Deserialize<Label[]>(File.ReadAllText(Path.Combine(Directory, "labels.json")), JsonSerializerOptions.Web)!;
        var result = new List<LabelledItem>();
        foreach (var feed in labels.GroupBy(l => l.Feed))
        {
            var parsed = FeedParser.Parse(File.ReadAllBytes(Path.Combine(Directory, "feeds", feed.Key)), null, new Uri("https://example.org/" + feed.Key));
            foreach (var label in feed)
            {
                var item = parsed.Items.Single(i => i.EntryId == label.Guid);
                result.Add(new LabelledItem(feed.Key, item, label.Relevant, label.Sectors));
            }
        }

        return result;
    }

    private sealed record Label(string Feed, string Guid, string Title, bool Relevant, string[] Sectors);
}

public sealed record LabelledItem(string Feed, ParsedItem Item, bool Relevant, IReadOnlyList<string> Sectors)
{
    public override string ToString() => $"{Feed}: {Item.Title}";
}
