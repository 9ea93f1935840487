using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Tests.Processing;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("https://WWW.Example.COM/News/Story", "example.com/News/Story")]
    [InlineData("https://www.dawn.com/news/1900001", "dawn.com/news/1900001")]
    [InlineData("https://wwwnews.example.com/a", "wwwnews.example.com/a")]
    [InlineData("https://example.com:443/a", "example.com/a")]
    [InlineData("http://example.com:80/a", "example.com/a")]
    [InlineData("https://example.com:8443/a", "example.com:8443/a")]
    [InlineData("https://example.com/a/b/", "example.com/a/b")]
    [InlineData("https://example.com/", "example.com")]
    [InlineData("https://example.com", "example.com")]
    [InlineData("https://example.com/a#comments", "example.com/a")]
    [InlineData("https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "example.com/a")]
    [InlineData("https://example.com/a?fbclid=IwAR0abc&gclid=Cj0KCQ", "example.com/a")]
    [InlineData("https://example.com/a?UTM_Source=rss&FBCLID=x&id=5", "example.com/a?id=5")]
    [InlineData("https://example.com/a?z=1&utm_content=c&b=2&a=3", "example.com/a?a=3&b=2&z=1")]
    [InlineData("https://example.com/a?id=5&page=2#frag", "example.com/a?id=5&page=2")]
    [InlineData("https://example.com/search?q=Pakistan%20%2B%20Belarus%20%26%20trade", "example.com/search?q=Pakistan%20%2B%20Belarus%20%26%20trade")]
    public void Canonicalize_ReturnsCanonicalForm(string url, string expected)
    {
        // Act
        var canonical = UrlCanonicalizer.Canonicalize(new Uri(url));

        // Assert
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("https://www.example.com/a/?utm_source=rss#top", "https://example.com/a")]
    [InlineData("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2")]
    [InlineData("https://EXAMPLE.com:443/a?gclid=1&x=y", "https://example.com/a?x=y&fbclid=2")]
    public void Canonicalize_ReturnsSameKey_ForEquivalentUrls(string first, string second)
    {
        // Act
        var a = UrlCanonicalizer.Canonicalize(new Uri(first));
        var b = UrlCanonicalizer.Canonicalize(new Uri(second));

        // Assert
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("https://example.com/a", "https://example.com/b")]
    [InlineData("https://example.com/A", "https://example.com/a")]
    [InlineData("https://example.com/a?id=1", "https://example.com/a?id=2")]
    [InlineData("https://example.com/a", "https://example.org/a")]
    [InlineData("https://example.com/a", "https://example.com:8443/a")]
    [InlineData("https://example.com/view.php?12345", "https://example.com/view.php?67890")]
    public void Canonicalize_ReturnsDifferentKeys_ForDifferentArticles(string first, string second)
    {
        // Act
        var a = UrlCanonicalizer.Canonicalize(new Uri(first));
        var b = UrlCanonicalizer.Canonicalize(new Uri(second));

        // Assert
        Assert.NotEqual(a, b);
    }
}
