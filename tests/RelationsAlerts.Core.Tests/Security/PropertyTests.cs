using System.Text;
using CsCheck;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Parsing;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Tests.Security;

/// <summary>Property-based tests over hostile input: nothing escapes, output stays sanitised.</summary>
[Trait("Category", "Security")]
public sealed class PropertyTests
{
    private static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char[(char)0, (char)0x2FFF], 0, 400],
        Gen.OneOf("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "\u202Egnp.exe", "&lt;b&gt;", "&#0;", "]]>", "<!--", "\r\nBcc: x@example.com")
            .SelectMany(a => Gen.String.Select(b => a + b)));

    [Fact]
    public void FeedParser_ReturnsOrThrowsFeedParseException_ForAnyBytes()
    {
        Gen.Byte.Array[0, 2000].Sample(bytes => ParsesOrRejects(bytes), iter: 2000);
        Hostile.Select(s => Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><item><title>{s}</title><description>{s}</description></item></channel></rss>"))
            .Sample(bytes => ParsesOrRejects(bytes), iter: 2000);
    }

    [Fact]
    public void TextNormalizer_ProducesPaddedSingleSpacedText_ForAnyString()
    {
        Gen.String.Sample(s =>
        {
            var normalized = TextNormalizer.Normalize(s);
            return normalized.StartsWith(' ') && normalized.EndsWith(' ') && !normalized.Contains("  ", StringComparison.Ordinal);
        }, iter: 5000);
    }

    [Fact]
    public void UrlCanonicalizer_IsStable_ForAnyHttpUrl()
    {
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 20], Gen.String[Gen.Char.AlphaNumeric, 0, 30], Gen.String, (host, path, query) =>
                new Uri($"https://{host}.example/{path}?{Uri.EscapeDataString(query)}&utm_source=x"))
            .Sample(url =>
            {
                var once = UrlCanonicalizer.Canonicalize(url);
                return !once.Contains("utm_source", StringComparison.Ordinal) && once == UrlCanonicalizer.Canonicalize(new Uri("https://" + once));
            }, iter: 3000);
    }

    [Fact]
    public void RelevanceClassifier_ScoresWithinBounds_ForAnyText()
    {
        Gen.Select(Hostile, Hostile).Sample((title, summary) =>
        {
            var decision = RelevanceClassifier.Classify(title, summary);
            return decision.Score is >= 0 and <= 1 && decision.Reasons.Count > 0;
        }, iter: 3000);
    }

    [Fact]
    public void DigestRenderer_NeverEmitsFeedMarkup_ForAnyTitleOrSummary()
    {
        Gen.Select(Hostile, Hostile, Hostile).Sample((title, summary, link) =>
        {
            var item = new NewsItem
            {
                Id = "x", FeedId = "f", Title = title, Summary = summary, FirstSeenAt = DateTimeOffset.UnixEpoch,
                Link = Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri : null, Sectors = ["trade"],
            };
            var digest = new Digest("d", DateTimeOffset.UnixEpoch, [new DigestSection("trade", "Trade", [item])]);
            var html = DigestRenderer.Html(digest);
            return !html.Contains("<script", StringComparison.OrdinalIgnoreCase)
                && !html.Contains("<img", StringComparison.OrdinalIgnoreCase)
                && !html.Contains("href=\"javascript:", StringComparison.OrdinalIgnoreCase)
                && !html.Contains('\u202E', StringComparison.Ordinal);
        }, iter: 3000);
    }

    private static bool ParsesOrRejects(byte[] bytes)
    {
        try
        {
            FeedParser.Parse(bytes, null, new Uri("https://example.org/feed"));
        }
        catch (FeedParseException)
        {
        }

        return true;
    }
}
