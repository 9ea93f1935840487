using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Reads a GDELT DOC 2.0 <c>mode=ArtList&amp;format=json</c> response (<c>{"articles":[{"url","title","seendate",
/// "domain","language","sourcecountry",…}]}</c>) into the same <see cref="ParsedFeed"/> the XML parser produces.
/// GDELT answers a query without matches with <c>{}</c>, and its errors and rate-limit notices arrive as plain text or
/// HTML even for <c>format=json</c> (feeds.md §7), so those become an empty feed and a <see cref="FeedParseException"/>
/// that quotes the notice.
/// </summary>
public static class GdeltArticleParser
{
    private const int MaxQuotedNotice = 160;

    /// <summary>True when the body is a JSON object (after a BOM and whitespace), the shape of every ArtList response.</summary>
    public static bool IsJsonObject(ReadOnlySpan<byte> body) => FirstSignificantByte(body) == (byte)'{';

    public static ParsedFeed Parse(ReadOnlySpan<byte> body, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (FirstSignificantByte(body) == (byte)'[')
        {
            throw new FeedParseException("gdelt: expected a JSON object with \"articles\", got a JSON array");
        }

        if (!IsJsonObject(body))
        {
            throw new FeedParseException($"gdelt: expected a JSON object, got: {Notice(body)}");
        }

        using var document = Load(body);
        var root = document.RootElement;
        var title = QueryOf(feedUrl) is { } query ? "GDELT: " + query : "GDELT DOC 2.0";
        if (!root.TryGetProperty("articles", out var articles))
        {
            // {} is GDELT's "no matches"; any other object is some other JSON API.
            return root.EnumerateObject().Any()
                ? throw new FeedParseException("gdelt: JSON object has no \"articles\" array; not a DOC 2.0 ArtList response")
                : new ParsedFeed(title, "utf-8", null, []);
        }

        if (articles.ValueKind != JsonValueKind.Array)
        {
            throw new FeedParseException($"gdelt: \"articles\" is {articles.ValueKind}, not an array");
        }

        var entries = articles.EnumerateArray()
            .Where(a => a.ValueKind == JsonValueKind.Object)
            .Select(Article)
            .OfType<ParsedItem>()
            .ToList();
        // As in FeedParser: Items are the entries with a title (GDELT has no summaries), Entries keep link-only ones too.
        return new ParsedFeed(title, "utf-8", null, [.. entries.Where(e => e.Title.Length > 0)]) { Entries = entries };
    }

    private static JsonDocument Load(ReadOnlySpan<byte> body)
    {
        // Raw control characters are invalid anywhere in JSON; as spaces they are harmless both inside and outside strings.
        var bytes = body.ToArray();
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = bytes[i] < 0x20 ? (byte)' ' : bytes[i];
        }

        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FeedParseException($"gdelt: malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)}", ex);
        }
    }

    private static ParsedItem? Article(JsonElement article)
    {
        var title = HtmlText.ToPlainText(Text(article, "title"));
        var url = Text(article, "url");
        // GDELT links are absolute article URLs; anything else is not resolved against the API's address.
        var link = Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute : null;
        if (title.Length == 0 && link is null)
        {
            return null;
        }

        var seen = SeenDate(Text(article, "seendate"));
        return new ParsedItem
        {
            EntryId = url,
            Title = title,
            Link = link,
            PublishedAt = seen,
            Source = Text(article, "domain") ?? link?.Host,
        };
    }

    /// <summary><c>20230918T031500Z</c>, always UTC.</summary>
    private static DateTimeOffset? SeenDate(string? value) =>
        DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : FeedDateParser.Parse(value);

    private static string? Text(JsonElement article, string name) =>
        article.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } s
            && !string.IsNullOrWhiteSpace(s)
            ? s.Trim()
            : null;

    private static string? QueryOf(Uri feedUrl) =>
        feedUrl.Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Equals("query", StringComparison.OrdinalIgnoreCase))
            .Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' ')))
            .FirstOrDefault();

    private static byte FirstSignificantByte(ReadOnlySpan<byte> body)
    {
        var start = body.StartsWith("\uFEFF"u8) ? 3 : 0;
        foreach (var b in body[start..])
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b;
            }
        }

        return 0;
    }

    /// <summary>The start of a non-JSON body as one line of plain text (GDELT's "Please limit requests…", an HTML error page).</summary>
    private static string Notice(ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 4096)]);
        // Every tag separates words here: an error page's <title> and body are two phrases, not one word.
        var text = string.Join(' ', HtmlText.ToPlainText(head.Replace("<", " <", StringComparison.Ordinal)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? "an empty body"
            : text.Length > MaxQuotedNotice ? $"\"{text[..MaxQuotedNotice]}…\""
            : $"\"{text}\"";
    }

    private static string FirstSentence(string message) =>
        message.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? message[..end] : message.TrimEnd('.');
}
