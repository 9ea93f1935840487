using System.Net;
using System.Text;
using CsCheck;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Security;

/// <summary>
/// Named markup attacks through <see cref="HtmlText"/> (AngleSharp's HTML5 tokenizer) and on into the HTML email: feed text
/// is untrusted, so no script, frame, handler or javascript: URL may survive as markup.
/// </summary>
[Trait("Category", "Security")]
public sealed class HtmlSanitisingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Substrings that must never come out of <see cref="HtmlText.ToPlainText"/> for the attacks below. (Script text a browser
    /// would show as text, such as the "alert(1)" after a split tag, is inert and may.)
    /// </summary>
    private static readonly string[] Forbidden = ["<script", "<iframe", "<img", "<svg", "<style", "javascript:", "onerror", "onload", "onmouseover"];

    [Theory]
    // Script, style, frames, objects.
    [InlineData("Minsk<script>alert(1)</script> talks", "Minsk talks")]
    [InlineData("<SCRIPT type=\"text/javascript\">alert(1)</SCRIPT >Minsk talks", "Minsk talks")]
    [InlineData("<script>if (a < b && c > d) alert(1)</script>Minsk talks", "Minsk talks")]
    [InlineData("<style>body{background:url(javascript:alert(1))}</style>Minsk talks", "Minsk talks")]
    [InlineData("Minsk <iframe src=\"javascript:alert(1)\"></iframe>talks", "Minsk talks")]
    [InlineData("Minsk <iframe><script>alert(1)</script></iframe>talks", "Minsk talks")]
    [InlineData("Minsk <iframe>&lt;script&gt;alert(1)&lt;/script&gt;</iframe>talks", "Minsk talks")]
    [InlineData("Minsk <object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">talks", "Minsk talks")]
    [InlineData("<noscript><img src=x onerror=alert(1)></noscript>Minsk talks", "Minsk talks")]
    [InlineData("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>Minsk talks", "\">Minsk talks")]
    [InlineData("<template><script>alert(1)</script></template>Minsk talks", "Minsk talks")]
    [InlineData("<xmp><script>alert(1)</script></xmp>Minsk talks", "Minsk talks")]
    [InlineData("<textarea><script>alert(1)</script></textarea>Minsk talks", "Minsk talks")]
    // javascript: links and event handlers: the tag goes, its text stays.
    [InlineData("<a href=\"javascript:alert(1)\">Minsk talks</a>", "Minsk talks")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\" onclick=\"alert(1)\">Minsk</a> talks", "Minsk talks")]
    [InlineData("<img src=x onerror=alert(1)>Minsk talks", "Minsk talks")]
    [InlineData("<img/src=x/onerror=alert(1)>Minsk talks", "Minsk talks")]
    [InlineData("<body onload=alert(1)>Minsk talks", "Minsk talks")]
    [InlineData("<div onmouseover=\"alert(1)\">Minsk</div>talks", "Minsk talks")]
    [InlineData("<svg/onload=alert(1)>Minsk talks", "Minsk talks")]
    [InlineData("<svg><script>alert(1)</script><title>Minsk talks</title></svg>", "Minsk talks")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">Minsk talks</mi></math>", "Minsk talks")]
    // Nested, split and unclosed tags.
    [InlineData("<scr<script>ipt>alert(1)</script>Minsk talks", "ipt>alert(1)Minsk talks")]
    [InlineData("<<script>script>alert(1)<</script>/script>Minsk talks", "< /script>Minsk talks")]
    [InlineData("<b><i>Minsk <u>talks", "Minsk talks")]
    [InlineData("Minsk talks<script>alert(1)", "Minsk talks")]
    [InlineData("Minsk talks<img src=x onerror=alert(1)", "Minsk talks")]
    [InlineData("Minsk talks<a href=\"javascript:alert(1)", "Minsk talks")]
    // Comments, conditional comments.
    [InlineData("<!--<script>alert(1)</script>-->Minsk talks", "Minsk talks")]
    [InlineData("<!--[if IE]><script>alert(1)</script><![endif]-->Minsk talks", "Minsk talks")]
    [InlineData("Minsk talks<!--<img src=x onerror=alert(1)>", "Minsk talks")]
    // Entities that decode to markup are text, and text that would act as markup is removed.
    [InlineData("Minsk &lt;script&gt;alert(1)&lt;/script&gt;talks", "Minsk talks")]
    [InlineData("Minsk &#60;script&#62;alert(1)&#60;/script&#62;talks", "Minsk talks")]
    [InlineData("Minsk &#x3C;iframe src=javascript:alert(1)&#x3E;talks", "Minsk talks")]
    [InlineData("&lt;a href=\"javascript:alert(1)\"&gt;Minsk talks&lt;/a&gt;", "Minsk talks</a>")]
    [InlineData("Minsk &lt;img src=x onerror=alert(1)&gt;talks", "Minsk talks")]
    [InlineData("Minsk &lt;b title='&lt;script&gt;alert(1)&lt;/script&gt;'&gt;talks", "Minsk <b title=' '>talks")]
    [InlineData("Minsk&lt;b&lt;script&gt;alert(1)&lt;/script&gt; talks", "Minsk<b talks")]
    [InlineData("Minsk &lt;!DOCTYPE &lt;script&gt;alert(1)&lt;/script&gt;talks", "Minsk <!DOCTYPE talks")]
    [InlineData("Minsk &lt;!' &lt;iframe src=javascript:alert(1)&gt;talks", "Minsk <!' talks")]
    public void ToPlainText_LeavesNoActiveMarkup_ForNamedAttack(string html, string expected)
    {
        // Act
        var text = HtmlText.ToPlainText(html);

        // Assert
        Assert.Equal(expected, text);
        foreach (var forbidden in Forbidden)
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("Minsk <script>alert(1)</script>talks", "Minsk talks")]
    [InlineData("Minsk <a/href=\"javascript:alert(1)\">talks", "Minsk talks")]
    [InlineData("Minsk <img\nsrc=x\nonerror=alert(1)>talks", "Minsk talks")]
    [InlineData("Minsk <svg:a xlink:href=\"javascript:alert(1)\">talks", "Minsk talks")]
    [InlineData("Minsk <b<script>alert(1)</script> talks", "Minsk <b talks")]
    [InlineData("Minsk talks <iframe src=x", "Minsk talks")]
    [InlineData("Minsk <!-- hidden --> talks", "Minsk talks")]
    public void FromText_RemovesActiveMarkup_ForNamedAttack(string text, string expected)
    {
        // Act
        var plain = HtmlText.FromText(text);

        // Assert
        Assert.Equal(expected, plain);
    }

    [Fact]
    public void Html_RendersNoActiveMarkup_WhenFeedItemCarriesEncodedAttacks()
    {
        // Arrange: the way attacks arrive, escaped in RSS and as HTML in CDATA, through the real parser.
        var rss = """
            <rss version="2.0"><channel><title>Hostile</title>
            <item><title>Pakistan &lt;script&gt;alert(1)&lt;/script&gt;Belarus talks</title><link>https://example.org/1</link>
              <description>Trade &amp;lt;iframe src="javascript:alert(1)"&amp;gt; deal &lt;iframe src="javascript:alert(2)"&gt;&lt;/iframe&gt; signed</description></item>
            <item><title><![CDATA[<a href="javascript:alert(1)" onmouseover="alert(1)">Minsk</a> visit]]></title><link>https://example.org/2</link>
              <description><![CDATA[<p>Tractors <img src=x onerror=alert(1)><svg/onload=alert(1)> &lt;script&gt;alert(1)&lt;/script&gt;</p><script>alert(1)</script>]]></description></item>
            </channel></rss>
            """;
        var parsed = FeedParser.Parse(Encoding.UTF8.GetBytes(rss), "application/rss+xml", new Uri("https://example.org/feed"));
        var items = parsed.Items.Select((p, i) => new NewsItem
        {
            Id = $"{i}", FeedId = "hostile", Title = p.Title, Summary = p.Summary, Link = p.Link, Source = "Hostile",
            FirstSeenAt = Now, PublishedAt = Now, Sectors = ["trade"],
        }).ToArray();
        var digest = new Digest("d1", Now, [new DigestSection("trade", "Trade", items)]);

        // Act
        var html = DigestRenderer.Html(digest);

        // Assert
        Assert.Equal(2, items.Length);
        Assert.Equal("Pakistan Belarus talks", items[0].Title);
        Assert.Equal("Minsk visit", items[1].Title);
        foreach (var forbidden in new[] { "<script", "<iframe", "<img", "<svg", "javascript:", "onerror", "onload", "onmouseover" })
        {
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("&lt;script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("&lt;iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(WebUtility.HtmlEncode(items[0].Summary), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<b class=c{0}><p>y")]
    [InlineData("<div>")]
    [InlineData("<i id={0}><a>y")]
    [InlineData("&lt;!' <b title=\"{0}\">")]
    [InlineData("a<b ")]
    public void ToPlainText_FinishesQuickly_ForHugeCraftedMarkup(string unit)
    {
        // Arrange: ~20,000 elements that make HTML tree builders (AngleSharp's included) take seconds to minutes; feeds
        // control this text, so the work must stay linear.
        var html = string.Concat(Enumerable.Range(0, 20_000).Select(i => unit.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Act
        var text = HtmlText.ToPlainText(html);
        var plain = HtmlText.FromText(html);

        // Assert
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.DoesNotContain("<p", text, StringComparison.Ordinal);
        Assert.NotNull(plain);
    }

    [Fact]
    public void ToPlainTextAndFromText_NeverEmitScriptFrameOrHandlerTags_ForAnyMarkup()
    {
        // Arrange: fragments of attacks glued together in any order, escaped or not.
        var pieces = Gen.OneOf(
            Gen.Const("<script>alert(1)</script>"), Gen.Const("<script>"), Gen.Const("</script>"), Gen.Const("<iframe src=x>"),
            Gen.Const("<img src=x onerror=alert(1)>"), Gen.Const("<svg onload=alert(1)>"), Gen.Const("<a href=\"javascript:alert(1)\">"),
            Gen.Const("&lt;script&gt;"), Gen.Const("&lt;img src=x onerror=alert(1)&gt;"), Gen.Const("&#60;iframe&#62;"), Gen.Const("<!--"),
            Gen.Const("-->"), Gen.Const("<!DOCTYPE"), Gen.Const("<!'"), Gen.Const("</ "), Gen.Const("<b"), Gen.Const("<"), Gen.Const(">"),
            Gen.Const("\""), Gen.Const("'"), Gen.Const("<xmp>"), Gen.Const("<textarea>"), Gen.Const("<iframe>"), Gen.Const("<noscript>"),
            Gen.Const("<title>"), Gen.Const("<![CDATA["), Gen.Const("]]>"), Gen.Const("&amp;"), Gen.Const(" text "), Gen.String[0, 8]);
        var hostile = pieces.Array[1, 12].Select(string.Concat);

        // Act / Assert
        hostile.Sample(html => IsInert(HtmlText.ToPlainText(html)) && IsInert(HtmlText.FromText(html)), iter: 5000);
    }

    /// <summary>No script, frame, image or SVG start tag (as HTML tokenizes one: name then whitespace, '/' or '&gt;'), no comment.</summary>
    private static bool IsInert(string text)
    {
        foreach (var tag in new[] { "<script", "<iframe", "<img", "<svg" })
        {
            for (var i = text.IndexOf(tag, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(tag, i + 1, StringComparison.OrdinalIgnoreCase))
            {
                var next = i + tag.Length;
                if (next == text.Length || text[next] is '>' or '/' or ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    return false;
                }
            }
        }

        return !text.Contains("<!--", StringComparison.Ordinal);
    }
}
