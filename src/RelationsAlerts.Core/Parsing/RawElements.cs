using System.Text;
using System.Xml.Linq;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Reads feed and entry fields from the raw XML. A format's own elements are matched by local name within the namespace of the
/// element holding them (or no namespace), extensions (Dublin Core, content:, Atom inside RSS, XHTML) by namespace URI, never
/// by prefix. Text comes back as plain text; Atom text constructs are read by their type (text, html, xhtml, base64).
/// </summary>
internal static class RawElements
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Atom03 = "http://purl.org/atom/ns#";
    public static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace DcTerms = "http://purl.org/dc/terms/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
    private const string Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether <paramref name="element"/> belongs to the vocabulary of <paramref name="context"/> (same namespace or none).</summary>
    public static bool IsCore(XElement element, XElement context) =>
        element.Name.Namespace == context.Name.Namespace || element.Name.Namespace == XNamespace.None
        || (IsAtom(element.Name.Namespace) && IsAtom(context.Name.Namespace));

    public static string Title(XElement element, FeedFormat format) => format switch
    {
        FeedFormat.Atom => FirstText(Construct(Core(element, "title")), Html(MediaElement(element, "title"))),
        FeedFormat.Cdf => Html(Cdf(element, "title")),
        _ => FirstText(Html(Core(element, "title")), Html(element.Element(DublinCore + "title")), Html(MediaElement(element, "title"))),
    };

    /// <summary>RSS description (or summary, whichever comes first), dc:description, itunes:summary; Atom summary; then media:description; CDF abstract.</summary>
    public static string Summary(XElement element, FeedFormat format) => format switch
    {
        FeedFormat.Atom => FirstText(Construct(Core(element, "summary")), Html(MediaElement(element, "description"))),
        FeedFormat.Cdf => Html(Cdf(element, "abstract")),
        _ => FirstText(
            Html(Core(element, "description", "summary")),
            Html(element.Element(DublinCore + "description")),
            Html(ItunesElement(element, "summary")),
            Html(MediaElement(element, "description"))),
    };

    /// <summary>content:encoded, xhtml:body (or body), RSS fullitem, Atom content (unless it only points elsewhere with src).</summary>
    public static string FullContent(XElement entry, FeedFormat format) => format switch
    {
        FeedFormat.Atom => Core(entry, "content") is { } content && content.Attribute("src") is null ? Construct(content) : "",
        FeedFormat.Cdf => "",
        _ => FirstText(
            Html(entry.Element(Content + "encoded")),
            Html(entry.Element(Xhtml + "body")),
            Html(Core(entry, "body")),
            Html(Core(entry, "fullitem"))),
    };

    /// <summary>The feed's description: RSS description, dc:description, Atom subtitle (tagline in Atom 0.3), CDF abstract.</summary>
    public static string Description(XElement channel, FeedFormat format) => format == FeedFormat.Atom
        ? FirstText(Construct(Core(channel, "subtitle")), Construct(Core(channel, "tagline")))
        : FirstText(Summary(channel, format), Html(ItunesElement(channel, "subtitle")));

    /// <summary>RSS author, dc:creator, dc:author, itunes:author (and managingEditor for a channel); Atom "name (email)".</summary>
    public static string? Author(XElement element, FeedFormat format)
    {
        var author = format switch
        {
            FeedFormat.Atom => Person(Core(element, "author")),
            FeedFormat.Cdf => "",
            _ => FirstText(
                Html(Core(element, "author")),
                Html(Core(element, "managingEditor")),
                Html(element.Element(DublinCore + "creator")),
                Html(element.Element(DublinCore + "author")),
                Html(ItunesElement(element, "author"))),
        };
        return author.Length > 0 ? author : null;
    }

    public static string? Id(XElement entry, FeedFormat format) => format switch
    {
        FeedFormat.Atom => Value(Core(entry, "id")),
        FeedFormat.Cdf => null,
        _ => Value(Core(entry, "guid")) ?? Value(entry.Element(Atom + "id")) ?? Value(Core(entry, "id"))
            ?? NullIfEmpty((string?)entry.Attribute(Rdf + "about")),
    };

    public static string? Source(XElement entry) => Value(Core(entry, "source"));

    /// <summary>RSS pubDate, dcterms:issued, Atom published (issued in Atom 0.3).</summary>
    public static DateTimeOffset? Published(XElement entry, FeedFormat format) => format switch
    {
        FeedFormat.Atom => Date(Core(entry, "published")) ?? Date(Core(entry, "issued")),
        FeedFormat.Cdf => null,
        _ => Date(Core(entry, "pubDate")) ?? Date(entry.Element(DcTerms + "issued")) ?? Date(entry.Element(Atom + "published")),
    };

    /// <summary>dc:date, dcterms:modified, Atom updated (modified in Atom 0.3), CDF LASTMOD.</summary>
    public static DateTimeOffset? Updated(XElement entry, FeedFormat format) => format switch
    {
        FeedFormat.Atom => Date(Core(entry, "updated")) ?? Date(Core(entry, "modified")) ?? Date(entry.Element(DublinCore + "date")),
        FeedFormat.Cdf => FeedDateParser.Parse(CdfAttribute(entry, "lastmod")),
        _ => Date(entry.Element(DublinCore + "date")) ?? Date(entry.Element(DcTerms + "modified")) ?? Date(entry.Element(Atom + "updated")),
    };

    /// <summary>dcterms:created, Atom 0.3 created.</summary>
    public static DateTimeOffset? Created(XElement entry, FeedFormat format) =>
        Date(entry.Element(DcTerms + "created")) ?? (format == FeedFormat.Atom ? Date(Core(entry, "created")) : null);

    /// <summary>RSS &lt;language&gt; or dc:language, else the inherited xml:lang; "en_US" is written "en-US".</summary>
    public static string? Language(XElement channel, FeedFormat format) =>
        ((format is FeedFormat.Rss or FeedFormat.Rdf ? Value(Core(channel, "language")) : null)
            ?? Value(channel.Element(DublinCore + "language"))
            ?? channel.AncestorsAndSelf().Select(e => NullIfEmpty((string?)e.Attribute(XNamespace.Xml + "lang"))).FirstOrDefault(l => l is not null))
        ?.Replace('_', '-');

    public static TimeSpan? Ttl(XElement channel, FeedFormat format) =>
        format == FeedFormat.Rss && Value(Core(channel, "ttl")) is { } ttl && int.TryParse(ttl, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(Math.Min(minutes, 24 * 60))
            : null;

    /// <summary>
    /// RSS &lt;link&gt; (then an Atom alternate link, then a permalink guid); the Atom link with rel="alternate" (or no rel),
    /// HTML first; CDF HREF. Resolved against xml:base and the feed URL; only absolute http(s) links are returned.
    /// </summary>
    public static Uri? Link(XElement element, FeedFormat format, Uri feedUrl)
    {
        switch (format)
        {
            case FeedFormat.Atom:
                return AlternateLink(element.Elements().Where(l => l.Name.LocalName == "link" && IsCore(l, element)), feedUrl);
            case FeedFormat.Cdf:
                return FeedParser.Absolute(CdfAttribute(element, "href"), BaseOf(element, feedUrl));
            default:
                var link = element.Elements()
                    .Where(l => l.Name.LocalName == "link" && l.Name.Namespace != Atom && IsCore(l, element))
                    .Select(l => FeedParser.Absolute(NullIfEmpty((string?)l.Attribute("href")) ?? Value(l), BaseOf(l, feedUrl)))
                    .FirstOrDefault(u => u is not null);
                return link
                    ?? AlternateLink(element.Elements(Atom + "link"), feedUrl)
                    ?? (Core(element, "guid") is { } guid && !"false".Equals(((string?)guid.Attribute("isPermaLink"))?.Trim(), StringComparison.OrdinalIgnoreCase)
                        && Uri.TryCreate(Value(guid), UriKind.Absolute, out var permalink) && permalink.Scheme is "http" or "https"
                            ? permalink
                            : null);
        }
    }

    private static Uri? AlternateLink(IEnumerable<XElement> links, Uri feedUrl)
    {
        var alternate = links
            .Where(l => ((string?)l.Attribute("rel"))?.Trim() is null or "" or "alternate")
            .OrderBy(l => ((string?)l.Attribute("type"))?.Trim() is null or "" or "text/html" or "application/xhtml+xml" ? 0 : 1)
            .Select(l => FeedParser.Absolute(NullIfEmpty((string?)l.Attribute("href")) ?? Value(l), BaseOf(l, feedUrl)))
            .FirstOrDefault(u => u is not null);
        return alternate;
    }

    /// <summary>An Atom person: "name (email)", or whichever of the two is present, or the element's text.</summary>
    private static string Person(XElement? person)
    {
        if (person is null)
        {
            return "";
        }

        if (!person.HasElements)
        {
            return HtmlText.FromText(person.Value);
        }

        var name = HtmlText.FromText(Core(person, "name")?.Value);
        var email = HtmlText.FromText(Core(person, "email")?.Value);
        return name.Length > 0 && email.Length > 0 ? $"{name} ({email})" : FirstText(name, email);
    }

    /// <summary>
    /// An Atom text construct as plain text. Atom 1.0: type text (default), html, xhtml, or a MIME type (text/*, *xml: as is;
    /// others: base64). Atom 0.3: mode xml (default), escaped or base64, with a MIME type (text/plain default).
    /// </summary>
    private static string Construct(XElement? element)
    {
        if (element is null)
        {
            return "";
        }

        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant() ?? "";
        var mode = ((string?)element.Attribute("mode"))?.Trim().ToLowerInvariant();
        var isHtml = type is "html" or "text/html";
        var isXhtml = type is "xhtml" or "application/xhtml+xml";
        var isBase64 = mode == "base64"
            || (type.Length > 0 && type is not ("text" or "html" or "xhtml") && !type.StartsWith("text/", StringComparison.Ordinal)
                && !type.EndsWith("xml", StringComparison.Ordinal));
        if (isBase64)
        {
            // Decoded content is read as HTML (as feedparser does) unless the type says plain text; binary content has no text.
            var decoded = FromBase64(element.Value) ?? "";
            return type is "" or "text" or "text/plain" ? HtmlText.FromText(decoded) : HtmlText.ToPlainText(decoded);
        }

        if (element.HasElements || isXhtml)
        {
            // Inline markup: Atom 1.0 xhtml wraps it in one xhtml:div, which is not part of the content.
            var nodes = element.Elements().Count() == 1 && element.Nodes().OfType<XText>().All(t => string.IsNullOrWhiteSpace(t.Value))
                && element.Elements().Single() is { Name.LocalName: "div" } div && div.Name.Namespace == Xhtml
                    ? div.Nodes()
                    : element.Nodes();
            return HtmlText.ToPlainText(Serialize(nodes));
        }

        return isHtml || mode == "escaped" ? HtmlText.ToPlainText(element.Value) : HtmlText.FromText(element.Value);
    }

    /// <summary>The UTF-8 text a base64 value encodes, or null when it is not base64 or not text.</summary>
    private static string? FromBase64(string value)
    {
        try
        {
            return StrictUtf8.GetString(Convert.FromBase64String(string.Concat(value.Where(c => !char.IsWhiteSpace(c)))));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>RSS text is HTML: escaped (the element's text) or, when the element holds child elements, the markup itself.</summary>
    private static string Html(XElement? element) =>
        element is null ? "" : HtmlText.ToPlainText(element.HasElements ? Serialize(element.Nodes()) : element.Value);

    private static string Serialize(IEnumerable<XNode> nodes) =>
        string.Concat(nodes.Select(n => n.ToString(SaveOptions.DisableFormatting)));

    private static XElement? Core(XElement parent, params string[] localNames) =>
        parent.Elements().FirstOrDefault(e => localNames.Contains(e.Name.LocalName) && IsCore(e, parent));

    /// <summary>An iTunes podcast element; iTunes itself accepts its namespace URI in any case.</summary>
    private static XElement? ItunesElement(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName && e.Name.NamespaceName.Equals(Itunes, StringComparison.OrdinalIgnoreCase));

    /// <summary>A Media RSS element of the entry, or of its media:group.</summary>
    private static XElement? MediaElement(XElement parent, string localName) =>
        parent.Element(Media + localName) ?? parent.Elements(Media + "group").Select(g => g.Element(Media + localName)).FirstOrDefault(e => e is not null);

    private static XElement? Cdf(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase));

    private static string? CdfAttribute(XElement element, string name) =>
        NullIfEmpty(element.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value);

    private static DateTimeOffset? Date(XElement? element) => FeedDateParser.Parse(Value(element));

    private static Uri BaseOf(XElement element, Uri feedUrl)
    {
        var bases = element.AncestorsAndSelf().Select(e => (string?)e.Attribute(XNamespace.Xml + "base")).OfType<string>().Reverse();
        var result = feedUrl;
        foreach (var b in bases)
        {
            result = Uri.TryCreate(result, b.Trim(), out var next) ? next : result;
        }

        return result;
    }

    private static bool IsAtom(XNamespace ns) => ns == Atom || ns == Atom03;

    private static string FirstText(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? "";

    private static string? Value(XElement? element) => element is null ? null : NullIfEmpty(element.Value);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
