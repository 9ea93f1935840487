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
    // Character references as HTML5 reads them: named, numeric, legacy without ';', windows-1252 numeric references.
    [InlineData("AT&amp;T &amp; Minsk&nbsp;Tractor", "AT&T & Minsk Tractor")]
    [InlineData("Pakistan&#8217;s &#x201C;deal&#x201D;", "Pakistan\u2019s \u201Cdeal\u201D")]
    [InlineData("&copy 2026 BelTA", "\u00A9 2026 BelTA")]
    [InlineData("price &#128;5", "price \u20AC5")]
    [InlineData("a &unknown; b", "a &unknown; b")]
    // Block boundaries separate words; inline elements do not.
    [InlineData("<ul><li>Trade</li><li>Energy</li></ul>", "Trade Energy")]
    [InlineData("<table><tr><td>Minsk</td><td>Islamabad</td></tr></table>", "Minsk Islamabad")]
    [InlineData("<h2>Title</h2>Body<hr>End", "Title Body End")]
    [InlineData("Bela<b>rus</b>ian", "Belarusian")]
    // Fallback content of frames and objects, and text inside SVG/MathML, is text (as feedparser reads it).
    [InlineData("safe<iframe src=\"https://example.com/\"/> description", "safe description")]
    [InlineData("safe<object data=\"x.swf\"> description</object>", "safe description")]
    [InlineData("<svg><title>Map</title><circle r=\"5\"/></svg>", "Map")]
    [InlineData("<math><mi>a</mi><mo>+</mo><mi>b</mi></math>", "a+b")]
    // Markup cut off by the end of the fragment, and declarations that are not markup, stay text (as feedparser shows them).
    [InlineData("x &lt; y and a<b", "x < y and a<b")]
    [InlineData(" <!DOCTYPE ", "<!DOCTYPE")]
    [InlineData("&lt;!' <a href=\"foo\">", "<!'")]
    [InlineData("<!DOCTYPE html><p>Minsk</p>", "Minsk")]
    public void ToPlainText_ReadsMarkupAsHtml5(string html, string expected)
    {
        // Act
        var text = HtmlText.ToPlainText(html);

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void ToPlainText_ReturnsSameText_WhenCalledFromManyThreads()
    {
        // Arrange: calls share no tokenizer state; results must not depend on which thread ran or what ran beside it.
        var inputs = Enumerable.Range(0, 400)
            .Select(i => $"<p>Item {i}: Minsk &amp; Islamabad</p><script>alert({i})</script><ul><li>{i}</li></ul>")
            .ToArray();
        var expected = inputs.Select(HtmlText.ToPlainText).ToArray();

        // Act
        var actual = new string[inputs.Length];
        Parallel.For(0, inputs.Length * 10, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            actual[i % inputs.Length] = HtmlText.ToPlainText(inputs[i % inputs.Length]));

        // Assert
        Assert.Equal(expected, actual);
        Assert.Equal("Item 7: Minsk & Islamabad 7", expected[7]);
    }

    [Theory]
    [InlineData("History of the <blink> tag", "History of the <blink> tag")]
    [InlineData("  spaced\n\tout  ", "spaced out")]
    [InlineData("x <script>alert(1)</script> y", "x y")]
    [InlineData("AT&amp;T", "AT&amp;T")]
    [InlineData("x<y then", "x<y then")]
    [InlineData("the <!DOCTYPE html> line", "the <!DOCTYPE html> line")]
    [InlineData("Caf\u00C3\u00A9", "Caf\u00E9")]
    [InlineData("don\u0092t", "don\u2019t")]
    public void FromText_KeepsTextAndRemovesActiveMarkup(string text, string expected)
    {
        // Act
        var plain = HtmlText.FromText(text);

        // Assert
        Assert.Equal(expected, plain);
    }
}
