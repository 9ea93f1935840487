using System.Text.Json;
using System.Text.Json.Serialization;
using RelationsAlerts.Core.Parsing;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.App.Cli;

/// <summary>
/// <c>analyze --input FILE</c>: JSON Lines in (<c>{"id","title","summary","link"?,"published"?,"lang"?}</c>), one JSON line
/// out per input (<c>{"id","relevant","score","sectors","story","reasons"}</c>), with the default taxonomy and the
/// poller's own classifier. A line that is not valid JSON gets <c>"error"</c> and the run goes on.
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
        using var reader = input.Name == "-" ? new StreamReader(Console.OpenStandardInput()) : input.OpenText();
        var line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            await output.WriteLineAsync(Analyze(text, line, tagger));
        }

        return 0;
    }

    internal static string Analyze(string jsonLine, int lineNumber, SectorTagger tagger)
    {
        AnalyzeInput? input;
        try
        {
            input = JsonSerializer.Deserialize<AnalyzeInput>(jsonLine, Json);
        }
        catch (JsonException ex)
        {
            return JsonSerializer.Serialize(new AnalyzeError($"line-{lineNumber}", $"line {lineNumber} is not valid JSON: {ex.Message}"), Json);
        }

        var title = HtmlText.ToPlainText(input?.Title);
        var summary = HtmlText.ToPlainText(input?.Summary);
        var analysis = ItemAnalysis.Of(title, summary, tagger);
        return JsonSerializer.Serialize(
            new AnalyzeOutput(input?.Id ?? $"line-{lineNumber}", analysis.Relevance.IsRelevant, analysis.Relevance.Score, [.. analysis.Sectors.Select(s => s.SectorId)], null, analysis.Reasons),
            Json);
    }

    private sealed record AnalyzeInput(string? Id, string? Title, string? Summary, string? Link, string? Published, string? Lang);

    private sealed record AnalyzeOutput(string Id, bool Relevant, double Score, string[] Sectors, string? Story, IReadOnlyList<string> Reasons);

    private sealed record AnalyzeError(string Id, string Error);
}
