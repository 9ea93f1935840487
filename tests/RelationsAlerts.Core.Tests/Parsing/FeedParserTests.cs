using System.Diagnostics;
using System.Text;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Parsing;

public sealed class FeedParserTests
{
    private static readonly Uri FeedUrl = new("https://example.org/feeds/news.xml");

    [Fact]
    public void Parse_MapsAllFields_ForBasicRss20()
    {
        // Arrange
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0">
              <channel>
                <title>Dawn - Pakistan</title>
                <link>https://www.dawn.com/</link>
                <ttl>30</ttl>
                <item>
                  <title>Pakistan, Belarus sign trade accord</title>
                  <link>https://www.dawn.com/news/1900001/pakistan-belarus-sign-trade-accord</link>
                  <guid isPermaLink="false">dawn-1900001</guid>
                  <pubDate>Sat, 21 Nov 2026 09:05:00 +0500</pubDate>
                  <description>Islamabad and Minsk agreed to expand trade.</description>
                </item>
                <item>
                  <title>Second item</title>
                  <link>https://www.dawn.com/news/1900002</link>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal("Dawn - Pakistan", feed.Title);
        Assert.Equal("utf-8", feed.Encoding);
        Assert.Equal(TimeSpan.FromMinutes(30), feed.Ttl);
        Assert.Equal(2, feed.Items.Count);
        var item = feed.Items[0];
        Assert.Equal("Pakistan, Belarus sign trade accord", item.Title);
        Assert.Equal(new Uri("https://www.dawn.com/news/1900001/pakistan-belarus-sign-trade-accord"), item.Link);
        Assert.Equal("dawn-1900001", item.EntryId);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 4, 5, 0, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(5), item.PublishedAt!.Value.Offset);
        Assert.Equal("Islamabad and Minsk agreed to expand trade.", item.Summary);
        Assert.Equal("Second item", feed.Items[1].Title);
        Assert.Null(feed.Items[1].PublishedAt);
    }

    [Fact]
    public void Parse_ChoosesAlternateLink_WhenRepliesLinkListedFirst()
    {
        // Arrange
        const string xml = """
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Blog</title>
              <entry>
                <title>Minsk visit</title>
                <id>tag:example.org,2026:1</id>
                <link rel="replies" type="application/atom+xml" href="https://example.org/comments/1.atom"/>
                <link rel="edit" href="https://example.org/edit/1"/>
                <link rel="alternate" type="text/html" href="https://example.org/posts/minsk-visit"/>
                <updated>2026-11-20T10:00:00Z</updated>
              </entry>
            </feed>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal(new Uri("https://example.org/posts/minsk-visit"), item.Link);
    }

    [Fact]
    public void Parse_PrefersHtmlAlternate_OverOtherTypes()
    {
        // Arrange
        const string xml = """
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Blog</title>
              <entry>
                <title>Minsk visit</title>
                <id>tag:example.org,2026:1</id>
                <link rel="alternate" type="application/pdf" href="https://example.org/posts/minsk-visit.pdf"/>
                <link href="https://example.org/posts/minsk-visit"/>
                <updated>2026-11-20T10:00:00Z</updated>
              </entry>
            </feed>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal(new Uri("https://example.org/posts/minsk-visit"), item.Link);
    }

    [Theory]
    [InlineData("http://news.example.com/world/", "", "2026/belarus.html", "http://news.example.com/world/2026/belarus.html")]
    [InlineData("http://news.example.com/world/", "asia/", "belarus.html", "http://news.example.com/world/asia/belarus.html")]
    [InlineData("", "http://other.example.net/a/", "../b/c.html", "http://other.example.net/b/c.html")]
    [InlineData("", "", "/posts/1", "https://example.org/posts/1")]
    public void Parse_ResolvesRelativeHref_AgainstXmlBase(string feedBase, string entryBase, string href, string expected)
    {
        // Arrange
        var feedAttr = feedBase.Length > 0 ? $" xml:base=\"{feedBase}\"" : "";
        var entryAttr = entryBase.Length > 0 ? $" xml:base=\"{entryBase}\"" : "";
        var xml = $"""
            <feed xmlns="http://www.w3.org/2005/Atom"{feedAttr}>
              <title>Blog</title>
              <entry{entryAttr}>
                <title>Belarus</title>
                <id>tag:example.org,2026:2</id>
                <link rel="alternate" href="{href}"/>
                <updated>2026-11-20T10:00:00Z</updated>
              </entry>
            </feed>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal(new Uri(expected), item.Link);
    }

    [Fact]
    public void Parse_UsesUpdated_WhenAtomEntryHasNoPublished()
    {
        // Arrange
        const string xml = """
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Blog</title>
              <entry>
                <title>Only updated</title>
                <id>tag:example.org,2026:3</id>
                <link href="https://example.org/3"/>
                <updated>2026-11-20T10:00:00+05:00</updated>
              </entry>
            </feed>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 5, 0, 0, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal("tag:example.org,2026:3", item.EntryId);
    }

    [Theory]
    [InlineData("dc")]
    [InlineData("foo")]
    [InlineData("DC")]
    public void Parse_ReadsDublinCoreDate_UnderAnyPrefix(string prefix)
    {
        // Arrange
        var xml = $"""
            <rss version="2.0" xmlns:{prefix}="http://purl.org/dc/elements/1.1/">
              <channel>
                <title>News</title>
                <item>
                  <title>Dated by Dublin Core</title>
                  <link>https://example.org/dc</link>
                  <{prefix}:date>2026-11-19T08:30:00+03:00</{prefix}:date>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 5, 30, 0, TimeSpan.Zero), item.PublishedAt);
    }

    [Fact]
    public void Parse_IgnoresDateElement_InOtherNamespace()
    {
        // Arrange: the prefix "dc" is bound to an unrelated namespace; only the URI counts.
        const string xml = """
            <rss version="2.0" xmlns:dc="http://example.com/not-dublin-core">
              <channel>
                <title>News</title>
                <item>
                  <title>Not Dublin Core</title>
                  <link>https://example.org/x</link>
                  <dc:date>2026-11-19T08:30:00Z</dc:date>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Null(item.PublishedAt);
    }

    [Theory]
    [InlineData("Trade&nbsp;talks &mdash; Minsk", "Trade talks — Minsk")]
    [InlineData("Q&A: Pakistan & Belarus", "Q&A: Pakistan & Belarus")]
    [InlineData("Caf&eacute; &amp; &hellip; &copy;", "Café & … ©")]
    [InlineData("AT&amp;T and M&S", "AT&T and M&S")]
    [InlineData("&#1055;&#x0430;kistan", "Паkistan")]
    [InlineData("Tom &unknownentity; Jerry", "Tom &unknownentity; Jerry")]
    public void Parse_DecodesHtmlEntitiesAndBareAmpersands_InTitle(string rawTitle, string expected)
    {
        // Arrange
        var xml = $"""
            <rss version="2.0">
              <channel>
                <title>News</title>
                <item><title>{rawTitle}</title><link>https://example.org/e</link></item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal(expected, item.Title);
    }

    [Fact]
    public void Parse_StripsPublisherSuffixAndSetsSource_ForGoogleNewsItem()
    {
        // Arrange
        const string xml = """
            <rss version="2.0">
              <channel>
                <generator>NFE/5.0</generator>
                <title>"Pakistan Belarus" - Google News</title>
                <item>
                  <title>Belarus PM arrives in Islamabad - Dawn</title>
                  <link>https://news.google.com/rss/articles/CBMiabc?oc=5</link>
                  <guid isPermaLink="false">CBMiabc</guid>
                  <pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate>
                  <description>&lt;a href="https://news.google.com/rss/articles/CBMiabc?oc=5" target="_blank"&gt;Belarus PM arrives in Islamabad&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Dawn&lt;/font&gt;</description>
                  <source url="https://www.dawn.com">Dawn</source>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("Belarus PM arrives in Islamabad", item.Title);
        Assert.Equal("Dawn", item.Source);
        Assert.Equal("CBMiabc", item.EntryId);
        Assert.Equal("Belarus PM arrives in Islamabad Dawn", item.Summary);
    }

    [Fact]
    public void Parse_KeepsTitle_WhenSuffixDoesNotMatchSource()
    {
        // Arrange
        const string xml = """
            <rss version="2.0">
              <channel>
                <title>News</title>
                <item>
                  <title>Pakistan - Belarus talks</title>
                  <link>https://example.org/t</link>
                  <source url="https://www.dawn.com">Dawn</source>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("Pakistan - Belarus talks", item.Title);
        Assert.Equal("Dawn", item.Source);
    }

    [Fact]
    public void Parse_ConvertsHtmlDescriptionToPlainText_AndDropsScript()
    {
        // Arrange
        const string xml = """
            <rss version="2.0">
              <channel>
                <title>News</title>
                <item>
                  <title>Markup</title>
                  <link>https://example.org/m</link>
                  <description><![CDATA[<p>Minsk and <b>Islamabad</b> agreed.</p><script type="text/javascript">document.write('TRACKER');</script><style>p{color:red}</style><p>Second&nbsp;paragraph &amp; more.<br/>Line</p>]]></description>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("Minsk and Islamabad agreed. Second paragraph & more. Line", item.Summary);
        Assert.DoesNotContain("TRACKER", item.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("color:red", item.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("<", item.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ConvertsEscapedHtmlDescriptionToPlainText()
    {
        // Arrange
        const string xml = """
            <rss version="2.0">
              <channel>
                <title>News</title>
                <item>
                  <title>Escaped markup</title>
                  <link>https://example.org/m2</link>
                  <description>&lt;p&gt;Hello &lt;i&gt;world&lt;/i&gt;&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("Hello world", item.Summary);
    }

    [Fact]
    public void Parse_DoesNotExpandEntities_ForBillionLaughsDoctype()
    {
        // Arrange
        var doctype = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n  <!ENTITY lol \"lol\">\n");
        doctype.Append("  <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (var i = 2; i <= 9; i++)
        {
            doctype.Append("  <!ENTITY lol").Append(i).Append(" \"")
                .Append(string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))).Append("\">\n");
        }

        doctype.Append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>Laughs &lol9;</title>")
            .Append("<link>https://example.org/lol</link><description>&lol9;</description></item></channel></rss>");
        var body = Encoding.UTF8.GetBytes(doctype.ToString());
        var stopwatch = Stopwatch.StartNew();

        // Act
        ParsedFeed? feed = null;
        var error = Record.Exception(() => feed = FeedParser.Parse(body, null, FeedUrl));
        stopwatch.Stop();

        // Assert
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        if (error is not null)
        {
            Assert.IsType<FeedParseException>(error);
            return;
        }

        Assert.NotNull(feed);
        var texts = feed.Items.SelectMany(i => new[] { i.Title, i.Summary }).Append(feed.Title ?? "");
        Assert.All(texts, t => Assert.DoesNotContain("lollol", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.True(t.Length < 1000, $"text of {t.Length} characters"));
    }

    [Fact]
    public void Parse_DoesNotReadExternalEntity_ForSystemDoctype()
    {
        // Arrange
        var secret = Path.Combine(Path.GetTempPath(), $"ra-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "{new Uri(secret).AbsoluteUri}"> ]>
                <rss version="2.0"><channel><title>News</title>
                <item><title>Leak &xxe;</title><link>https://example.org/x</link></item></channel></rss>
                """;

            // Act
            ParsedFeed? feed = null;
            var error = Record.Exception(() => feed = Parse(xml));

            // Assert
            if (error is not null)
            {
                Assert.IsType<FeedParseException>(error);
                return;
            }

            Assert.All(feed!.Items, i => Assert.DoesNotContain("TOP-SECRET", i.Title, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parse_CompletesWithoutStackOverflow_ForDeeplyNestedXml(bool insideItem)
    {
        // Arrange
        const int depth = 10_000;
        var nested = string.Concat(Enumerable.Repeat("<x>", depth)) + "deep" + string.Concat(Enumerable.Repeat("</x>", depth));
        var xml = insideItem
            ? $"<rss version=\"2.0\"><channel><title>News</title><item><title>Deep</title><link>https://example.org/d</link><description>{nested}</description></item></channel></rss>"
            : $"<rss version=\"2.0\">{nested}</rss>";

        // Act
        var error = Record.Exception(() => Parse(xml));

        // Assert
        if (error is not null)
        {
            Assert.IsType<FeedParseException>(error);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"JSON\",\"items\":[]}")]
    [InlineData("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The page was not found.<br></p></body></html>")]
    [InlineData("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>")]
    [InlineData("<rss version=\"2.0\"><channel><title>unterminated")]
    [InlineData("<opml version=\"2.0\"><body><outline text=\"x\"/></body></opml>")]
    public void Parse_ThrowsFeedParseException_WhenNotAFeed(string body)
    {
        // Act
        var error = Record.Exception(() => Parse(body));

        // Assert
        Assert.IsType<FeedParseException>(error);
    }

    [Fact]
    public void Parse_ReturnsNoItems_ForEmptyChannel()
    {
        // Act
        var feed = Parse("<rss version=\"2.0\"><channel><title>Empty</title></channel></rss>");

        // Assert
        Assert.Equal("Empty", feed.Title);
        Assert.Empty(feed.Items);
    }

    [Fact]
    public void Parse_SkipsItem_WithoutTitleOrSummary()
    {
        // Arrange
        const string xml = """
            <rss version="2.0"><channel><title>News</title>
              <item><link>https://example.org/empty</link></item>
              <item><description>Only a summary that is long enough to become the title</description></item>
            </channel></rss>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        var item = Assert.Single(feed.Items);
        Assert.Equal("Only a summary that is long enough to become the title", item.Title);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<b>x</b>")]
    [InlineData("file:///etc/passwd")]
    public void Parse_DropsLink_WhenSchemeIsNotHttp(string link)
    {
        // Arrange
        var xml = $"<rss version=\"2.0\"><channel><title>News</title><item><title>Bad link</title><link>{System.Net.WebUtility.HtmlEncode(link)}</link></item></channel></rss>";

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Null(item.Link);
    }

    [Fact]
    public void Parse_ReadsWindows1251Feed_FromBytes()
    {
        // Arrange
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        const string xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>БелТА</title>"
            + "<item><title>Пакистан и Беларусь подписали соглашение</title><link>https://www.belta.by/1</link></item></channel></rss>";
        var bytes = Encoding.GetEncoding(1251).GetBytes(xml);

        // Act
        var feed = FeedParser.Parse(bytes, null, FeedUrl);

        // Assert
        Assert.Equal("windows-1251", feed.Encoding);
        Assert.Equal("БелТА", feed.Title);
        Assert.Equal("Пакистан и Беларусь подписали соглашение", Assert.Single(feed.Items).Title);
    }

    [Theory]
    [InlineData("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")]
    [InlineData("<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")]
    [InlineData("<rss>")]
    public void Parse_ReadsItems_WhenRssVersionAttributeIsMissing(string rootElement)
    {
        // Arrange
        var xml = $"""
            {rootElement}
              <channel>
                <title>Versionless</title>
                <item>
                  <title>Belarus delegation in Lahore</title>
                  <link>https://example.org/v/1</link>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        var item = Assert.Single(feed.Items);
        Assert.Equal("Belarus delegation in Lahore", item.Title);
        Assert.Equal(new Uri("https://example.org/v/1"), item.Link);
    }

    [Fact]
    public void Parse_ReadsFeed_WithNetscapeDoctype()
    {
        // Arrange
        const string xml = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91">
              <channel>
                <title>Old style</title>
                <link>https://example.org/</link>
                <description>RSS 0.91</description>
                <item><title>Caf&eacute; talks</title><link>https://example.org/091</link></item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("Café talks", item.Title);
    }

    [Theory]
    [InlineData("<![CDATA[ <!DOCTYPE ]]>", "<!DOCTYPE")]
    [InlineData("<![CDATA[<p>Every page starts with <code><!DOCTYPE</code> ]]>", "Every page starts with")]
    public void Parse_KeepsCdata_WhenDescriptionContainsDoctypeText(string description, string expectedStart)
    {
        // Arrange
        var xml = $"""
            <rss version="2.0">
              <channel>
                <title>Web dev</title>
                <item>
                  <title>HTML basics</title>
                  <link>https://example.org/html</link>
                  <description>{description}</description>
                </item>
              </channel>
            </rss>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        var item = Assert.Single(feed.Items);
        Assert.StartsWith(expectedStart, item.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<link><![CDATA[https://example.org/news?id=1&cat=2]]></link>", "https://example.org/news?id=1&cat=2")]
    [InlineData("<link>https://example.org/news?id=1&amp;cat=2</link>", "https://example.org/news?id=1&cat=2")]
    [InlineData("<link>https://example.org/news?id=1&cat=2</link>", "https://example.org/news?id=1&cat=2")]
    public void Parse_KeepsQueryAmpersands_InRssLink(string linkElement, string expected)
    {
        // Arrange
        var xml = $"""
            <rss version="2.0">
              <channel>
                <title>News</title>
                <item>
                  <title><![CDATA[Pakistan & Belarus]]></title>
                  {linkElement}
                </item>
              </channel>
            </rss>
            """;

        // Act
        var item = Assert.Single(Parse(xml).Items);

        // Assert
        Assert.Equal("Pakistan & Belarus", item.Title);
        Assert.Equal(expected, item.Link?.AbsoluteUri);
    }

    [Theory]
    [InlineData("Vertical&#11;tab")]
    [InlineData("Escape&#x1B;char")]
    [InlineData("Null&#0;char")]
    public void Parse_ReadsFeed_WhenTitleReferencesControlCharacter(string rawTitle)
    {
        // Arrange: one bad character reference must not cost the whole feed.
        var xml = $"""
            <rss version="2.0">
              <channel>
                <title>News</title>
                <item><title>{rawTitle}</title><link>https://example.org/c/1</link></item>
                <item><title>Clean item</title><link>https://example.org/c/2</link></item>
              </channel>
            </rss>
            """;

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal(2, feed.Items.Count);
        Assert.Equal("Clean item", feed.Items[1].Title);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n\r\n")]
    [InlineData("   ")]
    public void Parse_ReadsFeed_WhenWhitespacePrecedesXmlDeclaration(string leading)
    {
        // Arrange: PHP/WordPress sites often emit a blank line before the declaration.
        var xml = leading + "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>WP</title>"
            + "<item><title>Leading whitespace</title><link>https://example.org/wp/1</link></item></channel></rss>";

        // Act
        var feed = Parse(xml);

        // Assert
        Assert.Equal("Leading whitespace", Assert.Single(feed.Items).Title);
    }

    private static ParsedFeed Parse(string xml, string? contentType = null) =>
        FeedParser.Parse(Encoding.UTF8.GetBytes(xml), contentType, FeedUrl);

    [Theory]
    [InlineData("<rss version=\"2.0\"></rss>", 0)]
    [InlineData("<rss></rss>", 0)]
    [InlineData("<rss version=\"2.0\"><item><title>orphan</title><link>https://example.org/o</link></item></rss>", 1)]
    public void Parse_ReadsRootAsChannel_WhenRssHasNoChannel(string xml, int expectedItems)
    {
        // Act
        var feed = FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(xml), null, new Uri("https://example.org/feed"));

        // Assert
        Assert.Equal(expectedItems, feed.Items.Count);
    }
}
