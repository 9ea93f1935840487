using System.Xml;
using System.Xml.Linq;

namespace RelationsAlerts.Core.Parsing;

/// <summary>The syndication format of a document, told apart by its root element.</summary>
internal enum FeedFormat
{
    /// <summary>RSS 0.9x/2.0 (<c>&lt;rss&gt;</c> in any or no namespace).</summary>
    Rss,

    /// <summary>RSS 0.90/1.0 (<c>&lt;rdf:RDF&gt;</c>).</summary>
    Rdf,

    /// <summary>Atom 1.0 or 0.3 (<c>&lt;feed&gt;</c>).</summary>
    Atom,

    /// <summary>Microsoft's Channel Definition Format (<c>&lt;CHANNEL&gt;</c>, upper-case names, attributes for links and dates).</summary>
    Cdf,
}

/// <summary>
/// A feed's XML, loaded without DTD processing or external resources, with its channel (the element holding the feed-level
/// fields) and its entries found by local name within the format's own namespaces, never by prefix.
/// </summary>
internal sealed class FeedDocument
{
    private FeedDocument(FeedFormat format, XElement channel, IReadOnlyList<XElement> entries)
    {
        Format = format;
        Channel = channel;
        Entries = entries;
    }

    public FeedFormat Format { get; }

    /// <summary>RSS/RDF <c>&lt;channel&gt;</c>, Atom <c>&lt;feed&gt;</c>, CDF root <c>&lt;CHANNEL&gt;</c>.</summary>
    public XElement Channel { get; }

    /// <summary>RSS/RDF <c>&lt;item&gt;</c>s, Atom <c>&lt;entry&gt;</c>s, CDF <c>&lt;ITEM&gt;</c>s, in document order.</summary>
    public IReadOnlyList<XElement> Entries { get; }

    /// <summary>Parses repaired text. DOCTYPEs are prohibited (XmlRepair removed the prolog's), nothing is resolved.</summary>
    public static XDocument Load(string text)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreProcessingInstructions = true,
            IgnoreComments = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new FeedParseException($"parse: not well-formed XML at line {ex.LineNumber}: {ex.Message}", ex);
        }
    }

    /// <summary>Finds channel and entries, or throws <see cref="FeedParseException"/> when the document is not a feed.</summary>
    public static FeedDocument Of(XDocument document)
    {
        var root = document.Root ?? throw new FeedParseException("parse: empty document");
        var name = root.Name.LocalName;
        switch (name)
        {
            case "feed":
                // Atom 1.0, Atom 0.3, or a <feed> in a namespace of its own: its elements are read in that namespace.
                return new FeedDocument(FeedFormat.Atom, root, [.. root.Elements().Where(e => e.Name.LocalName == "entry" && RawElements.IsCore(e, root))]);
            case "rss":
            case "RDF" when root.Name.Namespace == RawElements.Rdf:
                // RSS requires a channel, but real and test feeds omit it (empty, or items straight under the root):
                // like feedparser, read the root as the channel then.
                var channel = root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel") ?? root;
                // RSS 0.9x and 2.0 nest items in the channel, RSS 0.90 and 1.0 put them beside it.
                var items = root.Elements().SelectMany(e => e == channel ? channel.Elements() : [e])
                    .Where(e => e.Name.LocalName == "item" && RawElements.IsCore(e, channel));
                return new FeedDocument(name == "rss" ? FeedFormat.Rss : FeedFormat.Rdf, channel, [.. items]);
            case var _ when name.Equals("channel", StringComparison.OrdinalIgnoreCase) && root.Name.Namespace == XNamespace.None:
                return new FeedDocument(FeedFormat.Cdf, root, [.. root.Descendants().Where(e => e.Name.LocalName.Equals("item", StringComparison.OrdinalIgnoreCase))]);
            default:
                throw new FeedParseException($"parse: not an RSS, RSS 1.0 or Atom feed (root element <{root.Name.LocalName}>)");
        }
    }
}
