using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Conformance;

public sealed class FeedparserExpectTests
{
    [Theory]
    [InlineData("not bozo and feed['title'] == 'Example feed'", null, "title", "Example feed")]
    [InlineData("not bozo and entries[0]['title'] == u'\\u0396 entity'", 0, "title", "\u0396 entity")]
    [InlineData("feed['title'] == \"Mark's title\"", null, "title", "Mark's title")]
    [InlineData("not bozo and entries[0]['description'] == \"\"\"&lt;!' <a href=\"foo\">\"\"\"", 0, "summary", "&lt;!' <a href=\"foo\">")]
    [InlineData("entries[2].link == 'http://example/?a=1&b=2'", 2, "link", "http://example/?a=1&b=2")]
    [InlineData("not bozo and entries[0]['guid'] == 'abc'", 0, "id", "abc")]
    [InlineData("not bozo and feed['tagline'] == 'x' 'y'", null, "description", "xy")]
    [InlineData("not bozo and ord(entries[0]['description']) == 8230", 0, "summary", "\u2026")]
    public void Checks_ReadsOneStringCheck(string expect, int? entry, string field, string expected)
    {
        // Act
        var check = Assert.Single(FeedparserExpect.Checks(expect));

        // Assert
        Assert.Equal(entry, check.Entry);
        Assert.Equal(field, check.Field);
        Assert.Equal(expected, check.Expected);
        Assert.Null(check.ExpectedInstant);
    }

    [Theory]
    [InlineData("not bozo and entries[0]['published_parsed'] == (2004, 1, 1, 19, 48, 21, 3, 1, 0)", "published")]
    [InlineData("not bozo and entries[0]['published'] == 'Thu, 01 Jan 2004 19:48:21 GMT'", "published")]
    [InlineData("not bozo and entries[0]['updated'] == '2004-01-01T19:48:21Z'", "updated")]
    [InlineData("not bozo and entries[0]['updated'] == '2004-01-01T14:48:21-05:00'", "updated")]
    public void Checks_ReadsDateAsInstant(string expect, string field)
    {
        // Act
        var check = Assert.Single(FeedparserExpect.Checks(expect));

        // Assert
        Assert.Equal(field, check.Field);
        Assert.Equal(new DateTimeOffset(2004, 1, 1, 19, 48, 21, TimeSpan.Zero), check.ExpectedInstant);
    }

    [Fact]
    public void Checks_SplitsConjunctionsAndChains()
    {
        // Arrange
        const string expect = "not bozo and (entries[0]['link'] == entries[1]['link'] == 'http://x/') and (feed['link'] == 'http://y/') and entries[0]['content'][0]['value'] == 'z'";

        // Act
        var checks = FeedparserExpect.Checks(expect);

        // Assert
        Assert.Equal([(0, "http://x/"), (1, "http://x/"), (null, "http://y/")], checks.Select(c => (c.Entry, c.Expected)));
    }

    [Theory]
    [InlineData("not bozo and version == 'rss20'")]
    [InlineData("not bozo and entries[0]['author_detail']['name'] == 'x'")]
    [InlineData("not bozo and encoding == 'utf-8'")]
    [InlineData("bozo")]
    [InlineData("not bozo and entries[0]['published'] == 'not a date'")]
    public void Checks_IgnoresUnmappedExpressions(string expect)
    {
        // Act
        var checks = FeedparserExpect.Checks(expect);

        // Assert
        Assert.Empty(checks);
    }

    [Fact]
    public void Checks_ReadsHasKeyLinkAsAbsentLink()
    {
        // Act
        var check = Assert.Single(FeedparserExpect.Checks("not bozo and not entries[0].has_key('link')"));

        // Assert
        Assert.Equal("link", check.Field);
        Assert.Null(check.Expected);
    }

    [Theory]
    [InlineData("entries[0]['description'] == 'article title<br /><br /> article byline'", "article title article byline", true)]
    [InlineData("entries[0]['title'] == 'History of the &lt;blink&gt; tag'", "History of the <blink> tag", true)]
    [InlineData("entries[0]['title'] == 'History of the <blink> tag'", "History of the <blink> tag", true)]
    [InlineData("entries[0]['title'] == 'Example <b>Atom</b>'", "Example Atom", true)]
    [InlineData("entries[0]['title'] == 'Example'", "Other", false)]
    [InlineData("entries[0]['published_parsed'] == (2004, 1, 1, 19, 48, 21, 3, 1, 0)", "", true)]
    public void Evaluate_ComparesPlainTextAndInstants(string expect, string title, bool expected)
    {
        // Arrange
        var item = new ParsedItem { Title = title, Summary = title, PublishedAt = new DateTimeOffset(2004, 1, 1, 14, 48, 21, TimeSpan.FromHours(-5)) };
        var feed = new ParsedFeed("Feed", "utf-8", null, [item]);
        var check = Assert.Single(FeedparserExpect.Checks(expect));

        // Act
        var (passed, _) = FeedparserExpect.Evaluate(check, feed);

        // Assert
        Assert.Equal(expected, passed);
    }
}
