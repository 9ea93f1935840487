using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Parsing;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>Minsk and <b>Islamabad</b></p><p>agreed.</p>", "Minsk and Islamabad agreed.")]
    [InlineData("Line<br/>break", "Line break")]
    [InlineData("<p>History of the &lt;blink&gt; tag</p>", "History of the <blink> tag")]
    [InlineData("1 &lt; 2 and 3 > 2", "1 < 2 and 3 > 2")]
    [InlineData("Hi&lt;script&gt;alert(1)&lt;/script&gt; there", "Hi there")]
    [InlineData("Hi &lt;img src=x onerror=alert(1)&gt; there", "Hi there")]
    [InlineData("Hi &lt;a href=\"javascript:alert(1)\"&gt;link", "Hi link")]
    [InlineData("safe<iframe src=\"https://example.com/\"> description</iframe>", "safe description")]
    [InlineData("safe<script>document.write('x')</script> text", "safe text")]
    [InlineData("&lt;!-- hidden --&gt;shown", "shown")]
    [InlineData("<![CDATA[<p>Hello</p>]]>", "Hello")]
    public void ToPlainText_StripsMarkupButKeepsHarmlessBrackets(string html, string expected)
    {
        // Act
        var text = HtmlText.ToPlainText(html);

        // Assert
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("History of the <blink> tag", "History of the <blink> tag")]
    [InlineData("  spaced\n\tout  ", "spaced out")]
    [InlineData("x <script>alert(1)</script> y", "x y")]
    [InlineData("AT&amp;T", "AT&amp;T")]
    public void FromText_KeepsTextAndRemovesActiveMarkup(string text, string expected)
    {
        // Act
        var plain = HtmlText.FromText(text);

        // Assert
        Assert.Equal(expected, plain);
    }
}
