using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Parsing;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.App.Cli;

/// <summary>
/// <c>parse-feed PATH...</c>: parses saved feed documents (files, or directories searched recursively for *.xml and
/// *.json) with the poller's own parsers and writes one JSON object per document, in path order:
/// <c>{"source","ok","error","feed":{"title","link"},"items":[{"id","title","link","published","summary"}]}</c>.
/// A document that cannot be read is reported with <c>"ok":false</c> and the run goes on; the exit code is 1 when any was.
/// </summary>
internal static class ParseFeedCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly string[] Extensions = [".xml", ".json"];

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> paths, Uri? baseUrl, TextWriter output, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var path in paths.SelectMany(Documents))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await ParseAsync(path, baseUrl, cancellationToken);
            failed += result.Ok ? 0 : 1;
            await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
        }

        return failed == 0 ? 0 : 1;
    }

    /// <summary>The file itself, or every *.xml/*.json below a directory; a missing path is passed on to be reported.</summary>
    private static IEnumerable<string> Documents(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
            : [path];

    internal static async Task<ParseFeedResult> ParseAsync(string path, Uri? baseUrl, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ParseFeedResult.Failure(path, $"parse-feed: cannot read the file: {ex.Message}");
        }

        var type = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? FeedType.Gdelt : FeedType.Rss;
        try
        {
            var feed = FeedBodyParser.Parse(type, body, null, baseUrl ?? new Uri(Path.GetFullPath(path)));
            return new ParseFeedResult(path, true, null, new ParseFeedHeader(feed.Title, feed.Link?.AbsoluteUri), [.. feed.Items.Select(Item)]);
        }
        catch (FeedParseException ex)
        {
            return ParseFeedResult.Failure(path, ex.Message);
        }
#pragma warning disable CA1031 // A parser bug on one document must not end a run over a corpus; it is reported on that document.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ParseFeedResult.Failure(path, $"parse-feed: unexpected {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static ParseFeedItem Item(ParsedItem item) => new(
        ItemIdentity.Of(item),
        item.Title,
        item.Link?.AbsoluteUri,
        item.PublishedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        item.Summary);
}

internal sealed record ParseFeedResult(string Source, bool Ok, string? Error, ParseFeedHeader? Feed, IReadOnlyList<ParseFeedItem> Items)
{
    public static ParseFeedResult Failure(string source, string error) => new(source, false, error, null, []);
}

internal sealed record ParseFeedHeader(string? Title, string? Link);

internal sealed record ParseFeedItem(string Id, string Title, string? Link, string? Published, string Summary);
