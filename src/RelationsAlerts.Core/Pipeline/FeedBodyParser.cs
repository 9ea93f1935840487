using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>
/// Picks the parser for a fetched body: a JSON object is a GDELT DOC 2.0 ArtList, and so is anything but an XML feed
/// from a feed registered as <see cref="FeedType.Gdelt"/> (GDELT's errors come as text or HTML); everything else is XML
/// (RSS, RSS 1.0, Atom). Both throw <see cref="FeedParseException"/> for what they cannot read.
/// </summary>
public static class FeedBodyParser
{
    public static ParsedFeed Parse(FeedType type, ReadOnlySpan<byte> body, string? contentType, Uri feedUrl) =>
        GdeltArticleParser.IsJsonObject(body) || (type == FeedType.Gdelt && !IsXmlFeed(body))
            ? GdeltArticleParser.Parse(body, feedUrl)
            : FeedParser.Parse(body, contentType, feedUrl);

    /// <summary>Markup that is not an HTML page: GDELT's <c>format=rss</c> answers are read as feeds.</summary>
    private static bool IsXmlFeed(ReadOnlySpan<byte> body)
    {
        var head = System.Text.Encoding.Latin1.GetString(body[..Math.Min(body.Length, 512)]).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<')
            && !head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            && !head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase);
    }
}
