using System.Xml.Linq;
using CodeHollow.FeedReader;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Decodes and repairs feed bytes ourselves, loads the XML securely, finds the entries (with CodeHollow.FeedReader for the
/// RSS 2.0/0.9x and Atom 1.0 it reads, by namespace-aware lookup for RSS 1.0, namespaced RSS, Atom 0.3, CDF and whatever it
/// throws on), then reads every field from the raw XML elements: FeedReader's own values lose characters the XML declaration's
/// encoding cannot hold, take Atom replies links, ignore xml:base, read dates in the host zone and look namespaces up by prefix.
/// </summary>
public static class FeedParser
{
    private const int MaxTitleFromSummary = 120;

    public static ParsedFeed Parse(ReadOnlySpan<byte> body, string? contentType, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var (text, encoding) = FeedTextDecoder.Decode(body, contentType);
        text = XmlRepair.Repair(text);
        var document = FeedDocument.Of(FeedDocument.Load(text));
        var format = document.Format;
        var channel = document.Channel;
        var entries = EntryElements(document, text).Select(e => MapEntry(e, format, feedUrl)).ToList();
        var items = entries
            .Where(e => e.Title.Length > 0 || e.Summary.Length > 0)
            .Select(e => e.Title.Length > 0 ? e : e with { Title = e.Summary[..Math.Min(e.Summary.Length, MaxTitleFromSummary)] })
            .ToList();
        return new ParsedFeed(RawElements.Title(channel, format), encoding.WebName, RawElements.Ttl(channel, format), items)
        {
            Link = RawElements.Link(channel, format, feedUrl),
            Language = RawElements.Language(channel, format),
            Author = RawElements.Author(channel, format),
            Description = RawElements.Description(channel, format) is { Length: > 0 } description ? description : null,
            Entries = entries,
        };
    }

    /// <summary>
    /// FeedReader's items when it reads the document and finds the same entries we do; otherwise (it throws, or finds fewer,
    /// as with a prefixed &lt;atom:feed&gt;) our own. Either way only the raw elements are used.
    /// </summary>
    private static IReadOnlyList<XElement> EntryElements(FeedDocument document, string text)
    {
        if (document.Format is FeedFormat.Rss or FeedFormat.Atom && ReadWithFeedReader(text) is { } feed)
        {
            var elements = feed.Items.Select(i => i.SpecificItem?.Element).OfType<XElement>().ToList();
            if (elements.Count == document.Entries.Count && elements.Zip(document.Entries).All(p => p.First.Name == p.Second.Name))
            {
                return elements;
            }
        }

        return document.Entries;
    }

    private static Feed? ReadWithFeedReader(string text)
    {
        try
        {
            return FeedReader.ReadFromString(text);
        }
#pragma warning disable CA1031 // FeedReader 1.2.6 throws NullReference/ArgumentOutOfRange/FormatException on odd input; we read those ourselves.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static ParsedItem MapEntry(XElement entry, FeedFormat format, Uri feedUrl)
    {
        var title = RawElements.Title(entry, format);
        var content = RawElements.FullContent(entry, format);
        var summary = RawElements.Summary(entry, format) is { Length: > 0 } s ? s : content;
        var source = format == FeedFormat.Rss ? RawElements.Source(entry) : null;
        if (source is not null && title.EndsWith(" - " + source, StringComparison.Ordinal))
        {
            // Google News titles are "Headline - Publisher".
            title = title[..^(source.Length + 3)];
        }

        var updated = RawElements.Updated(entry, format);
        return new ParsedItem
        {
            EntryId = RawElements.Id(entry, format),
            Title = title,
            Link = RawElements.Link(entry, format, feedUrl),
            Summary = summary,
            Content = content,
            PublishedAt = RawElements.Published(entry, format) ?? updated ?? RawElements.Created(entry, format),
            UpdatedAt = updated,
            Author = RawElements.Author(entry, format),
            Source = source,
        };
    }

    internal static Uri? Absolute(string? href, Uri baseUrl) =>
        string.IsNullOrWhiteSpace(href) ? null
        : Uri.TryCreate(baseUrl, href.Trim(), out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri
        : null;
}
