using System.Text;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Parsing;

/// <summary>RSS 1.0, namespaced RSS, Atom 0.3/1.0 text constructs, CDF, feed-level fields and the extra entry fields.</summary>
public sealed class FeedParserFormatTests
{
    private static readonly Uri FeedUrl = new("https://example.org/feeds/news.xml");

    [Theory]
    [InlineData("http://purl.org/rss/1.0/")]
    [InlineData("http://my.netscape.com/rdf/simple/0.9/")]
    public void Parse_ReadsChannelAndItems_ForRdf(string rssNamespace)
    {
        // Arrange
        var xml = $"""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="{rssNamespace}" xmlns:d="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://www.belta.by/rss">
                <title>BelTA</title>
                <link>https://www.belta.by/</link>
                <description>News from Belarus</description>
                <d:language>ru</d:language>
                <items><rdf:Seq><rdf:li resource="https://www.belta.by/1"/></rdf:Seq></items>
              </channel>
              <item rdf:about="https://www.belta.by/1">
                <title>Minsk and Islamabad sign roadmap</title>
                <link>https://www.belta.by/1</link>
                <description>The roadmap covers 2026–2028.</description>
                <d:creator>BelTA staff</d:creator>
                <d:date>2026-11-14T13:25:00+03:00</d:date>
              </item>
            </rdf:RDF>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal("BelTA", feed.Title);
        Assert.Equal(new Uri("https://www.belta.by/"), feed.Link);
        Assert.Equal("News from Belarus", feed.Description);
        Assert.Equal("ru", feed.Language);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Minsk and Islamabad sign roadmap", item.Title);
        Assert.Equal(new Uri("https://www.belta.by/1"), item.Link);
        Assert.Equal("https://www.belta.by/1", item.EntryId);
        Assert.Equal("The roadmap covers 2026–2028.", item.Summary);
        Assert.Equal("BelTA staff", item.Author);
        Assert.Equal(new DateTimeOffset(2026, 11, 14, 10, 25, 0, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(item.PublishedAt, item.UpdatedAt);
    }

    [Fact]
    public void Parse_ReadsItems_WhenRssElementsArePrefixed()
    {
        // Arrange: FeedReader 1.2.6 throws NullReferenceException here.
        const string xml = """
            <r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2">
              <r:channel>
                <r:title>Prefixed</r:title>
                <r:language>en-gb</r:language>
                <r:item>
                  <r:title>Belarus delegation in Karachi</r:title>
                  <r:link>https://example.org/p/1</r:link>
                  <r:pubDate>Sat, 21 Nov 2026 09:05:00 +0500</r:pubDate>
                </r:item>
              </r:channel>
            </r:rss>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal("Prefixed", feed.Title);
        Assert.Equal("en-gb", feed.Language);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Belarus delegation in Karachi", item.Title);
        Assert.Equal(new Uri("https://example.org/p/1"), item.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 4, 5, 0, TimeSpan.Zero), item.PublishedAt);
    }

    [Fact]
    public void Parse_ReadsEntries_WhenAtomFeedIsPrefixed()
    {
        // Arrange: FeedReader 1.2.6 returns no items for <atom:feed>.
        const string xml = """
            <atom:feed xmlns:atom="http://www.w3.org/2005/Atom">
              <atom:title>Prefixed Atom</atom:title>
              <atom:entry>
                <atom:title>Entry one</atom:title>
                <atom:id>tag:example.org,2026:1</atom:id>
                <atom:link href="https://example.org/1"/>
              </atom:entry>
            </atom:feed>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal("Prefixed Atom", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Entry one", item.Title);
        Assert.Equal("tag:example.org,2026:1", item.EntryId);
        Assert.Equal(new Uri("https://example.org/1"), item.Link);
    }

    [Theory]
    [InlineData("<title>History of the &lt;blink&gt; tag</title>", "History of the <blink> tag")]
    [InlineData("<title type=\"text\">AT&amp;amp;T</title>", "AT&amp;T")]
    [InlineData("<title type=\"html\">Example &lt;b&gt;Atom&lt;/b&gt; &amp;amp; more</title>", "Example Atom & more")]
    [InlineData("<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Example <b>Atom</b><br/>History of the &lt;blink&gt; tag</div></title>", "Example Atom History of the <blink> tag")]
    [InlineData("<title type=\"application/octet-stream\">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>", "Example Atom")]
    [InlineData("<title type=\"html\">Safe&lt;script&gt;alert(1)&lt;/script&gt; title</title>", "Safe title")]
    public void Parse_ReadsAtomTextConstruct_ByType(string titleElement, string expected)
    {
        // Arrange
        var xml = $"""
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry>{titleElement}<id>urn:x</id></entry>
            </feed>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal(expected, item.Title);
    }

    [Fact]
    public void Parse_ReadsNoText_FromBase64BinaryContent()
    {
        // Arrange
        const string xml = """
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry><title>Picture</title><id>urn:p</id><content type="image/png">iVBORw0KGgo=</content></entry>
            </feed>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("", item.Content);
        Assert.Equal("", item.Summary);
    }

    [Fact]
    public void Parse_ReadsMixedMarkupAndCdata_InRssDescription()
    {
        // Arrange
        const string xml = """
            <rss version="2.0"><channel><title>News</title>
              <item><title>Mixed</title><description><p>Intro</p><![CDATA[<b>more</b> & less]]></description></item>
            </channel></rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("Intro more & less", item.Summary);
    }

    [Fact]
    public void Parse_ReadsAtom03Feed()
    {
        // Arrange
        const string xml = """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="en_US">
              <title>Old Atom</title>
              <tagline type="text/html" mode="escaped">&lt;p&gt;Pakistan &amp;amp; Belarus&lt;/p&gt;</tagline>
              <link rel="alternate" type="text/html" href="https://example.org/"/>
              <author><name>Desk</name><email>desk@example.org</email></author>
              <entry>
                <title mode="escaped" type="text/html">Visit &lt;em&gt;ends&lt;/em&gt;</title>
                <link rel="alternate" type="text/html" href="/2026/visit"/>
                <id>tag:example.org,2026:visit</id>
                <issued>2026-11-20T10:00:00+05:00</issued>
                <modified>2026-11-21T10:00:00Z</modified>
                <summary type="text/plain">Short</summary>
                <content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Long text</p></div></content>
              </entry>
            </feed>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal("Old Atom", feed.Title);
        Assert.Equal("Pakistan & Belarus", feed.Description);
        Assert.Equal(new Uri("https://example.org/"), feed.Link);
        Assert.Equal("en-US", feed.Language);
        Assert.Equal("Desk (desk@example.org)", feed.Author);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Visit ends", item.Title);
        Assert.Equal(new Uri("https://example.org/2026/visit"), item.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 5, 0, 0, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), item.UpdatedAt);
        Assert.Equal("Short", item.Summary);
        Assert.Equal("Long text", item.Content);
    }

    [Fact]
    public void Parse_MapsFeedLevelFields_ForRss20()
    {
        // Arrange
        const string xml = """
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
              <channel>
                <title>Dawn</title>
                <atom:link rel="self" href="https://www.dawn.com/feeds/home"/>
                <link>https://www.dawn.com/</link>
                <description>&lt;b&gt;Latest&lt;/b&gt; news</description>
                <language>en-PK</language>
                <managingEditor>editor@dawn.com (Editor)</managingEditor>
                <image><title>Logo</title><link>https://www.dawn.com/logo</link></image>
              </channel>
            </rss>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal("Dawn", feed.Title);
        Assert.Equal(new Uri("https://www.dawn.com/"), feed.Link);
        Assert.Equal("Latest news", feed.Description);
        Assert.Equal("en-PK", feed.Language);
        Assert.Equal("editor@dawn.com (Editor)", feed.Author);
    }

    [Fact]
    public void Parse_UsesAlternateLink_NotSelf_ForAtomFeedLink()
    {
        // Arrange
        const string xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/blog/">
              <title>Blog</title>
              <link rel="self" href="feed.atom"/>
              <link href="index.html"/>
            </feed>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal(new Uri("https://example.org/blog/index.html"), feed.Link);
        Assert.Empty(feed.Entries);
    }

    [Theory]
    [InlineData("dc")]
    [InlineData("creator")]
    public void Parse_SeparatesSummaryContentAuthorAndDates_ForRssItem(string prefix)
    {
        // Arrange
        var xml = $"""
            <rss version="2.0" xmlns:{prefix}="http://purl.org/dc/elements/1.1/" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:a="http://www.w3.org/2005/Atom">
              <channel>
                <title>News</title>
                <item>
                  <title>Trade talks</title>
                  <link>https://example.org/t</link>
                  <description>Short summary.</description>
                  <c:encoded><![CDATA[<p>Full <b>story</b>.</p>]]></c:encoded>
                  <{prefix}:creator>Staff Reporter</{prefix}:creator>
                  <pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>
                  <a:updated>2026-11-21T08:00:00Z</a:updated>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("Short summary.", item.Summary);
        Assert.Equal("Full story.", item.Content);
        Assert.Equal("Staff Reporter", item.Author);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero), item.UpdatedAt);
    }

    [Fact]
    public void Parse_UsesContentAsSummary_WhenItemHasNoDescription()
    {
        // Arrange
        const string xml = """
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
              <channel><title>News</title>
                <item><title>Only content</title><content:encoded>&lt;p&gt;Body text&lt;/p&gt;</content:encoded></item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("Body text", item.Summary);
        Assert.Equal("Body text", item.Content);
    }

    [Theory]
    [InlineData("<guid>https://example.org/g/1</guid>", "https://example.org/g/1")]
    [InlineData("<guid isPermaLink=\"true\">https://example.org/g/1</guid>", "https://example.org/g/1")]
    [InlineData("<guid isPermaLink=\"false\">https://example.org/g/1</guid>", null)]
    [InlineData("<guid>abc-123</guid>", null)]
    [InlineData("<guid>https://example.org/g/1</guid><link>https://example.org/link</link>", "https://example.org/link")]
    public void Parse_UsesPermalinkGuidAsLink_WhenItemHasNoLink(string elements, string? expected)
    {
        // Arrange
        var xml = $"<rss version=\"2.0\"><channel><title>News</title><item><title>Guid</title>{elements}</item></channel></rss>";

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal(expected, item.Link?.AbsoluteUri);
    }

    [Fact]
    public void Parse_ListsEveryEntry_WhileItemsSkipsEntriesWithoutText()
    {
        // Arrange
        const string xml = """
            <rss version="2.0"><channel><title>News</title>
              <item><link>https://example.org/only-link</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>
              <item><title>Titled</title></item>
            </channel></rss>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal(2, feed.Entries.Count);
        Assert.Equal("", feed.Entries[0].Title);
        Assert.Equal(new Uri("https://example.org/only-link"), feed.Entries[0].Link);
        Assert.NotNull(feed.Entries[0].PublishedAt);
        Assert.Equal("Titled", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Parse_ReadsCdfChannel()
    {
        // Arrange
        const string xml = """
            <CHANNEL HREF="https://example.org/" LASTMOD="2026-11-20T10:00:00Z">
              <TITLE>Channel</TITLE>
              <ITEM HREF="https://example.org/1" LASTMOD="2026-11-19T09:00:00Z">
                <TITLE>First item</TITLE>
                <ABSTRACT>About the first item</ABSTRACT>
              </ITEM>
            </CHANNEL>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal("Channel", feed.Title);
        Assert.Equal(new Uri("https://example.org/"), feed.Link);
        var item = Assert.Single(feed.Items);
        Assert.Equal("First item", item.Title);
        Assert.Equal("About the first item", item.Summary);
        Assert.Equal(new Uri("https://example.org/1"), item.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 9, 0, 0, TimeSpan.Zero), item.UpdatedAt);
    }

    [Fact]
    public void Parse_KeepsCharactersOutsideDeclaredEncoding_WhenWrittenAsReferences()
    {
        // Arrange: FeedReader re-encodes values through the declared encoding, which turns "—" into "?" in a Latin-1 feed.
        const string xml = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <rss version="2.0"><channel><title>Caf&eacute;</title>
              <item><title>Trade &mdash; Minsk &#8220;talks&#8221;</title><link>https://example.org/l</link></item>
            </channel></rss>
            """;
        var bytes = Encoding.Latin1.GetBytes(xml);

        // Act
        var feed = FeedParser.Parse(bytes, null, FeedUrl);

        // Assert
        Assert.Equal("iso-8859-1", feed.Encoding);
        Assert.Equal("Café", feed.Title);
        Assert.Equal("Trade — Minsk “talks”", Assert.Single(feed.Items).Title);
    }

    [Theory]
    [InlineData("Caf\u00C3\u00A9 in Minsk", "Café in Minsk")]
    [InlineData("don\u00E2\u20AC\u2122t", "don’t")]
    [InlineData("\u00D0\u0178\u00D0\u00B0\u00D0\u00BA\u00D0\u00B8\u00D1\u0081\u00D1\u201A\u00D0\u00B0\u00D0\u00BD", "Пакистан")]
    [InlineData("don\u0092t", "don’t")]
    [InlineData("Café Müller", "Café Müller")]
    public void Parse_RepairsDoubleEncodedAndWindows1252Text(string rawTitle, string expected)
    {
        // Arrange
        var xml = $"<rss version=\"2.0\"><channel><title>News</title><item><title>{rawTitle}</title></item></channel></rss>";

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal(expected, item.Title);
    }

    [Theory]
    [InlineData("<!--\nDescription: \"<!DOCTYPE\" in a comment\n-->\n<rss version=\"2.0\">")]
    [InlineData("<!-- generated -->\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape//DTD RSS 0.91//EN\" \"http://example.invalid/x.dtd\"><rss version=\"0.91\">")]
    public void Parse_ReadsFeed_WhenPrologHasCommentsDeclarationsOrDoctype(string prologAndRoot)
    {
        // Arrange
        var xml = prologAndRoot + "<channel><title>Prolog</title><item><title>Read</title></item></channel></rss>";

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal("Read", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Parse_ClosesRootEndTag_WhenBodyIsCutShort()
    {
        // Arrange
        const string xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>&#X41;</title></entry></feed";

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("A", item.Title);
    }

    [Fact]
    public void Parse_LeavesEntityLiteral_WhenDeclaredInInternalSubset()
    {
        // Arrange: internal DTD entities are never expanded (the DOCTYPE is dropped unread).
        const string xml = """
            <!DOCTYPE rss [ <!ENTITY id "tag:example.com,"> ]>
            <rss version="2.0"><channel><title>News</title>
              <item><title>Entity</title><guid isPermaLink="false">&id;2026:1</guid></item>
            </channel></rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("&id;2026:1", item.EntryId);
    }

    [Theory]
    [InlineData("<html><body>Not a feed</body></html>", "root element <html>")]
    public void Parse_ExplainsRejection_InMessage(string xml, string expectedFragment)
    {
        // Act
        var error = Record.Exception(() => Parse(xml));

        // Assert
        var parseError = Assert.IsType<FeedParseException>(error);
        Assert.Contains(expectedFragment, parseError.Message, StringComparison.Ordinal);
    }

    private static ParsedFeed Parse(string xml) => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), null, FeedUrl);
}
