using System.Xml;
using CodeHollow.FeedReader;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Decodes and repairs feed bytes ourselves, maps them with CodeHollow.FeedReader, then re-reads the fields it
/// gets wrong (Atom alternate links, xml:base, dates and zones, namespaced elements) from the raw XML elements.
/// </summary>
public static class FeedParser
{
    public static ParsedFeed Parse(ReadOnlySpan<byte> body, string? contentType, Uri feedUrl)
    {
        var (text, encoding) = FeedTextDecoder.Decode(body, contentType);
        text = XmlRepair.Repair(text);
        EnsureWellFormed(text);
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(text);
        }
#pragma warning disable CA1031 // FeedReader 1.2.6 throws NullReference/ArgumentOutOfRange on odd input; any failure is a parse failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new FeedParseException($"parse: not an RSS or Atom feed ({ex.GetType().Name}: {ex.Message})", ex);
        }

        var items = feed.Items.Select(i => MapItem(i, feedUrl)).OfType<ParsedItem>().ToList();
        return new ParsedFeed(HtmlText.ToPlainText(feed.Title), encoding.WebName, Ttl(feed), items);
    }

    private static void EnsureWellFormed(string text)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 1024 };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException ex)
        {
            throw new FeedParseException($"parse: not well-formed XML at line {ex.LineNumber}: {ex.Message}", ex);
        }
    }

    private static ParsedItem? MapItem(FeedItem item, Uri feedUrl)
    {
        var element = item.SpecificItem?.Element;
        var title = HtmlText.ToPlainText(item.Title);
        var summary = HtmlText.ToPlainText(item.Description ?? item.Content);
        if (title.Length == 0 && summary.Length == 0)
        {
            return null;
        }

        var source = element is null ? null : RawElements.Source(element);
        if (source is not null && title.EndsWith(" - " + source, StringComparison.Ordinal))
        {
            // Google News titles are "Headline - Publisher".
            title = title[..^(source.Length + 3)];
        }

        return new ParsedItem
        {
            EntryId = (element is null ? null : RawElements.Guid(element)) ?? NullIfEmpty(item.Id),
            Title = title.Length > 0 ? title : summary[..Math.Min(summary.Length, 120)],
            Link = element is null ? Absolute(item.Link, feedUrl) : RawElements.Link(element, feedUrl) ?? Absolute(item.Link, feedUrl),
            Summary = summary,
            PublishedAt = (element is null ? null : RawElements.Date(element)) ?? FeedDateParser.Parse(item.PublishingDateString),
            Source = source,
        };
    }

    private static TimeSpan? Ttl(Feed feed) =>
        feed.SpecificFeed?.Element?.Descendants().FirstOrDefault(e => e.Name.LocalName == "ttl")?.Value is { } ttl
        && int.TryParse(ttl, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(Math.Min(minutes, 24 * 60))
            : null;

    internal static Uri? Absolute(string? href, Uri baseUrl) =>
        string.IsNullOrWhiteSpace(href) ? null
        : Uri.TryCreate(baseUrl, href.Trim(), out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri
        : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
