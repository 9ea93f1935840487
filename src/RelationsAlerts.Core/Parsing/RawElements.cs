using System.Xml.Linq;

namespace RelationsAlerts.Core.Parsing;

/// <summary>Reads item fields from the raw XML by namespace URI, never by prefix.</summary>
internal static class RawElements
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    public static string? Guid(XElement item) =>
        Value(item.Element("guid")) ?? Value(item.Element(Atom + "id")) ?? Value(item.Element("id"));

    public static string? Source(XElement item) => Value(item.Element("source"));

    public static DateTimeOffset? Date(XElement item) =>
        FeedDateParser.Parse(Value(item.Element("pubDate")))
        ?? FeedDateParser.Parse(Value(item.Element(DublinCore + "date")))
        ?? FeedDateParser.Parse(Value(item.Element(Atom + "published")))
        ?? FeedDateParser.Parse(Value(item.Element(Atom + "updated")))
        ?? FeedDateParser.Parse(Value(item.Element(Atom + "issued")));

    /// <summary>RSS &lt;link&gt;, or the Atom link with rel="alternate" (or no rel), resolved against xml:base and the feed URL.</summary>
    public static Uri? Link(XElement item, Uri feedUrl)
    {
        var baseUrl = BaseOf(item, feedUrl);
        if (item.Name.Namespace != Atom)
        {
            return FeedParser.Absolute(Value(item.Element("link")), baseUrl);
        }

        var alternate = item.Elements(Atom + "link")
            .Where(l => (string?)l.Attribute("rel") is null or "alternate")
            .OrderBy(l => (string?)l.Attribute("type") is null or "text/html" ? 0 : 1)
            .FirstOrDefault();
        return alternate is null ? null : FeedParser.Absolute((string?)alternate.Attribute("href"), BaseOf(alternate, feedUrl));
    }

    private static Uri BaseOf(XElement element, Uri feedUrl)
    {
        var bases = element.AncestorsAndSelf().Select(e => (string?)e.Attribute(XNamespace.Xml + "base")).OfType<string>().Reverse();
        var result = feedUrl;
        foreach (var b in bases)
        {
            result = Uri.TryCreate(result, b, out var next) ? next : result;
        }

        return result;
    }

    private static string? Value(XElement? element) =>
        element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();
}
