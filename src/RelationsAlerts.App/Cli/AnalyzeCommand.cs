using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Parsing;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Stories;

namespace RelationsAlerts.App.Cli;

/// <summary>
/// <c>analyze --input FILE</c>: JSON Lines in (<c>{"id","title","summary","link"?,"published"?,"source"?,"lang"?}</c>), one
/// JSON line out per input, in input order (<c>{"id","relevant","score","sectors","story","reasons"}</c>), with the default
/// taxonomy and the poller's own classifier. The relevant items of the whole input are clustered into stories in memory
/// by the poller's <see cref="StoryAssigner"/> (in publication order); <c>story</c> is the story id when at least two
/// items report the same event, else null. A line that is not valid JSON gets <c>"error"</c> and the run goes on.
/// </summary>
internal static class AnalyzeCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static async Task<int> ExecuteAsync(FileInfo input, TextWriter output, CancellationToken cancellationToken)
    {
        if (!input.Exists && input.FullName != "-")
        {
            await Console.Error.WriteLineAsync($"analyze: {input.FullName} does not exist.");
            return 2;
        }

        var tagger = new SectorTagger(DefaultTopics.All);
        var results = new List<object>();
        using (var reader = input.Name == "-" ? new StreamReader(Console.OpenStandardInput()) : input.OpenText())
        {
            var line = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                line++;
                if (!string.IsNullOrWhiteSpace(text))
                {
                    results.Add(Analyze(text, line, tagger));
                }
            }
        }

        var stories = await StoriesAsync(results.OfType<Analyzed>(), cancellationToken);
        foreach (var result in results)
        {
            await output.WriteLineAsync(result is Analyzed analyzed
                ? JsonSerializer.Serialize(analyzed.Output with { Story = stories.GetValueOrDefault(analyzed.Item.Id) }, Json)
                : JsonSerializer.Serialize(result, Json));
        }

        return 0;
    }

    /// <summary>The analysis of one line (its story still unknown), or an <see cref="AnalyzeError"/>.</summary>
    internal static object Analyze(string jsonLine, int lineNumber, SectorTagger tagger)
    {
        AnalyzeInput? input;
        try
        {
            input = JsonSerializer.Deserialize<AnalyzeInput>(jsonLine, Json);
        }
        catch (JsonException ex)
        {
            return new AnalyzeError($"line-{lineNumber}", $"line {lineNumber} is not valid JSON: {ex.Message}");
        }

        var title = HtmlText.ToPlainText(input?.Title);
        var summary = HtmlText.ToPlainText(input?.Summary);
        var analysis = ItemAnalysis.Of(title, summary, tagger);
        var id = input?.Id ?? $"line-{lineNumber}";
        var sectors = analysis.Sectors.Select(s => s.SectorId).ToArray();
        var published = DateTimeOffset.TryParse(input?.Published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : (DateTimeOffset?)null;
        var item = new NewsItem
        {
            Id = id,
            FeedId = "analyze",
            Title = title,
            Summary = summary,
            Link = Uri.TryCreate(input?.Link, UriKind.Absolute, out var link) ? link : null,
            Source = input?.Source,
            PublishedAt = published,
            // Undated items share one instant, so they are compared on their text alone.
            FirstSeenAt = published ?? DateTimeOffset.UnixEpoch,
            Sectors = sectors,
        };
        return new Analyzed(item, analysis.Relevance.IsRelevant, new AnalyzeOutput(id, analysis.Relevance.IsRelevant, analysis.Relevance.Score, sectors, null, analysis.Reasons));
    }

    /// <summary>Item id → story id for relevant items whose story has two or more reports in this input.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> StoriesAsync(IEnumerable<Analyzed> analyzed, CancellationToken cancellationToken)
    {
        var relevant = analyzed.Where(a => a.Relevant).Select(a => a.Item).DistinctBy(i => i.Id, StringComparer.Ordinal).ToList();
        var stories = await StoryAssigner.ClusterAsync(relevant, cancellationToken);
        var sizes = stories.Values.CountBy(s => s, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return stories.Where(p => sizes[p.Value] > 1).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    private sealed record Analyzed(NewsItem Item, bool Relevant, AnalyzeOutput Output);

    private sealed record AnalyzeInput(string? Id, string? Title, string? Summary, string? Link, string? Published, string? Source, string? Lang);

    private sealed record AnalyzeOutput(string Id, bool Relevant, double Score, string[] Sectors, string? Story, IReadOnlyList<string> Reasons);

    private sealed record AnalyzeError(string Id, string Error);
}
