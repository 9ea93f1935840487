using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Turns feed HTML (or feed plain text) into plain text: scripts and styles dropped, tags removed, entities decoded,
/// whitespace collapsed. Markup is read by AngleSharp's HTML5 tokenizer (the state machine browsers specify), never by
/// pattern matching, so what counts as a tag, a comment, script data or a character reference is what a browser sees.
/// </summary>
/// <remarks>
/// Only the tokenizer runs, not AngleSharp's tree builder: text needs no tree, and building one costs time that grows
/// faster than the input on crafted markup (nested formatting elements with distinct attributes: an 18 KB description
/// took seconds), which a feed controls. What the tree builder would tell the tokenizer for text (script data after
/// &lt;script&gt;, raw text after &lt;style&gt;/&lt;noscript&gt;, as in a browser with scripting on) is done here, so
/// the work stays linear in the input.
/// </remarks>
public static partial class HtmlText
{
    // windows-1252 bytes 0x80–0x9F ('\0': unassigned).
    private static readonly char[] Windows1252High =
    [
        '\u20AC', '\0', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\0', '\u017D', '\0',
        '\0', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\0', '\u017E', '\u0178',
    ];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Elements whose content is code or noise rather than text: dropped with everything up to their end tag (or the end).
    // The content of every other element is text and markup, including iframe/object/noembed fallback, title, textarea,
    // xmp, and SVG/MathML text (as feedparser and the earlier implementation read them); only their tags go.
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "script", "style", "noscript", "template" };

    // Elements that separate words: a space is written for their start and end tags.
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    };

    // For FromText: elements that load, run, submit or hide something; a start or end tag of one is active markup.
    private static readonly HashSet<string> ActiveElements = new(StringComparer.Ordinal)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "form", "input", "button", "textarea",
        "select", "img", "image", "svg", "math", "link", "meta", "base", "video", "audio", "source", "track", "template", "portal", "xml",
    };

    // For FromText: attributes that run script, load a URL or restyle the page (besides on*; prefixes such as xlink: aside).
    private static readonly HashSet<string> ActiveAttributes = new(StringComparer.Ordinal)
    {
        "href", "src", "srcset", "srcdoc", "style", "action", "formaction", "data", "background",
    };

    // Appended to text before tokenizing it in FromText: whatever state the text leaves the tokenizer in (inside a tag name,
    // an attribute name, an unquoted, single- or double-quoted value), this ends the tag, so an unterminated tag at the end
    // is still seen as a tag and judged by its name and attributes. Only the text's own characters are ever copied out.
    private const string TagCloser = " x \"'>";

    // Markup read as text on a further pass (cut off by the end, text-like declarations, markup hidden in a kept token) can
    // reveal more of it; tokenize again at most this often, then treat what is left as HTML does (ToPlainText) or drop it
    // (FromText). Each pass is linear.
    private const int MaxEscapePasses = 8;

    /// <summary>Plain text of an HTML fragment.</summary>
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        // CDATA markers in HTML are leftovers (markup serialized from mixed content, or a feed that escaped its CDATA).
        var text = Processing.DisplayText.StripBidiControls(html)
            .Replace("<![CDATA[", "", StringComparison.Ordinal)
            .Replace("]]>", "", StringComparison.Ordinal);
        if (text.AsSpan().IndexOfAny('<', '&') < 0)
        {
            // No tag and no character reference: the text is already plain.
            return FromText(text);
        }

        return FromText(ExtractText(text));
    }

    /// <summary>
    /// Plain text from text that is already plain (Atom <c>type="text"</c>, decoded HTML): whitespace collapsed, and anything
    /// that would act as markup if a consumer forgot to encode it (a decoded <c>&lt;script&gt;</c>, a tag with an event handler
    /// or URL attribute, a comment) removed. Harmless bracketed text such as "the &lt;blink&gt; tag" or "x &lt; y" is kept.
    /// </summary>
    public static string FromText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        text = Demoronize(RepairMojibake(text));
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = RemoveActiveMarkup(text);
        }

        return SpaceRegex().Replace(text, " ").Trim();
    }

    /// <summary>
    /// The text a reader sees in an HTML fragment: character data with references decoded, a space for each block tag, and
    /// nothing of tags, comments, doctypes or the content of <see cref="Dropped"/> elements. What HTML would drop silently
    /// but feeds mean as text stays text, as feedparser and the earlier implementation read it: a tag or DOCTYPE cut off by
    /// the end of the fragment ("1 &lt;b", "&lt;!DOCTYPE") and text-like declarations (<see cref="IsTextLikeDeclaration"/>).
    /// Their '&lt;' is escaped and the fragment tokenized again.
    /// </summary>
    private static string ExtractText(string html)
    {
        for (var pass = 0; ; pass++)
        {
            var escapes = pass < MaxEscapePasses ? new List<int>() : null;
            var text = ExtractText(html, escapes);
            if (escapes is not { Count: > 0 })
            {
                return text;
            }

            var escaped = new StringBuilder(html.Length + (escapes.Count * 3));
            var copied = 0;
            foreach (var index in escapes.Distinct().Order())
            {
                escaped.Append(html, copied, index - copied).Append("&lt;");
                copied = index + 1;
            }

            html = escaped.Append(html, copied, html.Length - copied).ToString();
        }
    }

    /// <summary>One pass of <see cref="ExtractText(string)"/>; the '&lt;' to escape go to <paramref name="escapes"/> when given.</summary>
    private static string ExtractText(string html, List<int>? escapes)
    {
        using var source = new TextSource(html);
        using var tokenizer = new HtmlTokenizer(source, HtmlEntityProvider.Resolver);
        var text = new StringBuilder(html.Length);
        string? skipToEndTag = null;
        var doctypeAt = -1;
        while (true)
        {
            var token = tokenizer.Get();
            // Token positions are 1-based source indices.
            var start = token.Position.Position - 1;
            if (token.Type == HtmlTokenType.EndOfFile)
            {
                // The tokenizer drops a tag left open at the end (the end-of-file token starts where it did), and reads an
                // unterminated DOCTYPE to the end.
                if (skipToEndTag is null && start >= 0 && start < html.Length && html[start] == '<')
                {
                    escapes?.Add(start);
                }
                else if (doctypeAt >= 0 && html[^1] != '>')
                {
                    escapes?.Add(doctypeAt);
                }

                break;
            }

            doctypeAt = -1;
            if (skipToEndTag is not null)
            {
                if (token.Type == HtmlTokenType.EndTag && token.Name == skipToEndTag)
                {
                    skipToEndTag = null;
                }

                continue;
            }

            switch (token.Type)
            {
                case HtmlTokenType.Character:
                    // NUL is dropped from body text, as the tree builder drops it.
                    text.Append(token.Data.Contains('\0', StringComparison.Ordinal) ? token.Data.Replace("\0", "", StringComparison.Ordinal) : token.Data);
                    break;
                case HtmlTokenType.StartTag when Dropped.Contains(token.Name):
                    skipToEndTag = token.Name;
                    tokenizer.State = ContentMode(token.Name);
                    text.Append(' ');
                    break;
                case HtmlTokenType.StartTag or HtmlTokenType.EndTag when Blocks.Contains(token.Name):
                    text.Append(' ');
                    break;
                case HtmlTokenType.Comment when IsTextLikeDeclaration(html, start):
                    escapes?.Add(start);
                    break;
                case HtmlTokenType.Doctype:
                    doctypeAt = start;
                    break;
                default:
                    // Other tags, comments: not text.
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>How a browser's tokenizer reads the content of a <see cref="Dropped"/> element (scripting on).</summary>
    private static HtmlParseMode ContentMode(string name) => name switch
    {
        "script" => HtmlParseMode.Script,
        "template" => HtmlParseMode.PCData,
        _ => HtmlParseMode.Rawtext,
    };

    /// <summary>
    /// Removes from plain text the tags that would act as markup if the text reached HTML unencoded: script, style, noscript
    /// and template elements with their content, the tags of <see cref="ActiveElements"/>, tags with an event handler or a
    /// URL/style attribute, and comments. Everything else, harmless tags and text-like declarations ("&lt;!' …&gt;", see
    /// <see cref="IsTextLikeDeclaration"/>) included, is copied verbatim.
    /// </summary>
    private static string RemoveActiveMarkup(string text)
    {
        // Tokens kept verbatim must not hide markup: a text-like declaration, a DOCTYPE, or a tag with '<' in its name or an
        // attribute ("a<b<script>", "<b title='<script>'>") is text, and what follows its '<' is read as text and markup
        // again. The next pass reads that '<' as a plain character ('_' in the tokenizer's copy, so positions stay those of
        // the text).
        var source = text;
        for (var pass = 0; ; pass++)
        {
            var literal = new List<int>();
            var kept = RemoveActiveMarkup(text, source, pass < MaxEscapePasses ? literal : null);
            if (literal.Count == 0)
            {
                return kept;
            }

            var chars = source.ToCharArray();
            foreach (var index in literal)
            {
                chars[index] = '_';
            }

            source = new string(chars);
        }
    }

    /// <summary>
    /// One pass of <see cref="RemoveActiveMarkup(string)"/> over <paramref name="source"/> (the text, some '&lt;' replaced).
    /// With <paramref name="literal"/>, tokens that could hide markup are collected there, and the result is to be
    /// discarded when any were; without it (the last pass) they are removed like active markup.
    /// </summary>
    private static string RemoveActiveMarkup(string text, string source, List<int>? literal)
    {
        using var input = new TextSource(source + TagCloser);
        using var tokenizer = new HtmlTokenizer(input, HtmlEntityProvider.Resolver) { IsNotConsumingCharacterReferences = true };
        StringBuilder? kept = null;
        var copiedTo = 0;
        var removeFrom = -1;
        var replaceWithSpace = false;
        string? skipToEndTag = null;
        while (true)
        {
            var token = tokenizer.Get();
            // Token positions are 1-based source indices; a token ends where the next one starts.
            var start = Math.Min(token.Position.Position - 1, text.Length);
            if (removeFrom >= 0 && skipToEndTag is null)
            {
                kept ??= new StringBuilder(text.Length);
                kept.Append(text, copiedTo, removeFrom - copiedTo).Append(replaceWithSpace ? " " : "");
                copiedTo = start;
                removeFrom = -1;
            }

            if (token.Type == HtmlTokenType.EndOfFile)
            {
                break;
            }

            if (skipToEndTag is not null)
            {
                if (token.Type == HtmlTokenType.EndTag && token.Name == skipToEndTag)
                {
                    skipToEndTag = null;
                }

                continue;
            }

            var verdict = Judge(token, text, start);
            if (verdict == Verdict.MayHideMarkup && literal is not null)
            {
                literal.Add(start);
            }
            else if (verdict != Verdict.Harmless)
            {
                removeFrom = start;
                replaceWithSpace = false;
                if (token.Type == HtmlTokenType.StartTag && Dropped.Contains(token.Name))
                {
                    // Read the content as a browser would (script data, raw text) up to the matching end tag, or the end.
                    skipToEndTag = token.Name;
                    replaceWithSpace = true;
                    tokenizer.State = ContentMode(token.Name);
                }
            }
        }

        if (removeFrom >= 0)
        {
            // The text ended inside a dropped element.
            kept ??= new StringBuilder(text.Length);
            kept.Append(text, copiedTo, removeFrom - copiedTo).Append(' ');
            copiedTo = text.Length;
        }

        return kept is null ? text : kept.Append(text, copiedTo, text.Length - copiedTo).ToString();
    }

    /// <summary>How <see cref="RemoveActiveMarkup(string)"/> treats a token of plain text.</summary>
    private static Verdict Judge(HtmlToken token, string text, int start) => token switch
    {
        { Type: HtmlTokenType.Comment } => IsTextLikeDeclaration(text, start) ? Verdict.MayHideMarkup : Verdict.Active,
        { Type: HtmlTokenType.Doctype } => Verdict.MayHideMarkup,
        HtmlTagToken tag when ActiveElements.Contains(LocalName(tag.Name)) || tag.Attributes.Any(a => IsActiveAttribute(LocalName(a.Name))) => Verdict.Active,
        HtmlTagToken tag when tag.Name.Contains('<', StringComparison.Ordinal)
            || tag.Attributes.Any(a => a.Name.Contains('<', StringComparison.Ordinal) || a.Value.Contains('<', StringComparison.Ordinal)) => Verdict.MayHideMarkup,
        _ => Verdict.Harmless,
    };

    /// <summary>"svg" for "svg:svg", "onload" for "svg:onload": XHTML readers honour prefixed names.</summary>
    private static string LocalName(string name) => name[(name.LastIndexOf(':') + 1)..];

    /// <summary>
    /// Whether the bogus comment at <paramref name="start"/> is text to feed readers: "&lt;!", "&lt;/" or "&lt;?" followed by
    /// something other than a letter ("&lt;!' …&gt;", "&lt;/ x&gt;"), but not a real "&lt;!--" comment. HTML hides these;
    /// feedparser and the earlier implementation show them as text, and they run nothing.
    /// </summary>
    private static bool IsTextLikeDeclaration(string source, int start) =>
        start + 1 < source.Length
        && source[start] == '<'
        && source[start + 1] is '!' or '/' or '?'
        && !source.AsSpan(start).StartsWith("<!--", StringComparison.Ordinal)
        && (start + 2 >= source.Length || !char.IsAsciiLetter(source[start + 2]));

    private static bool IsActiveAttribute(string localName) =>
        (localName.Length > 2 && localName.StartsWith("on", StringComparison.Ordinal)) || ActiveAttributes.Contains(localName);

    /// <summary>
    /// UTF-8 read as windows-1252 or Latin-1 somewhere upstream ("CafÃ©", "â€™", "ÐŸÐ°ÐºÐ¸ÑÑ‚Ð°Ð½"): when every character maps back
    /// to one windows-1252/Latin-1 byte and those bytes are valid UTF-8, the UTF-8 reading is the text. Genuine Latin-1 text
    /// ("café") is not valid UTF-8 as bytes, so it is left alone.
    /// </summary>
    private static string RepairMojibake(string text)
    {
        if (!MojibakeRegex().IsMatch(text))
        {
            return text;
        }

        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var index = c <= 0xFF ? -1 : Array.IndexOf(Windows1252High, c);
            if (c > 0xFF && index < 0)
            {
                return text;
            }

            bytes[i] = c <= 0xFF ? (byte)c : (byte)(0x80 + index);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return text;
        }
    }

    /// <summary>C1 control characters (U+0080–U+009F) in feeds are windows-1252 punctuation read as Latin-1: "don\u0092t" is "don’t".</summary>
    private static string Demoronize(string text)
    {
        if (!text.Any(c => c is >= '\u0080' and <= '\u009F'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '\u0080' and <= '\u009F' && Windows1252High[c - 0x80] != '\0' ? Windows1252High[c - 0x80] : c;
            }
        });
    }

    // A UTF-8 lead byte followed by a continuation byte, both shown as windows-1252/Latin-1 characters.
    [GeneratedRegex("[\u00C2-\u00F4][\u0080-\u00BF\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178]")]
    private static partial Regex MojibakeRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRegex();

    /// <summary>The verdict on a token of plain text.</summary>
    private enum Verdict
    {
        /// <summary>Text, or a tag that does nothing ("the &lt;blink&gt; tag"): copied verbatim.</summary>
        Harmless,

        /// <summary>Runs, loads or hides something: removed.</summary>
        Active,

        /// <summary>
        /// Not active itself, but copied verbatim it would keep markup out of sight: a text-like declaration, a DOCTYPE, a
        /// tag with '&lt;' in its name or an attribute. Read as text (its '&lt;' a plain character) on the next pass.
        /// </summary>
        MayHideMarkup,
    }
}
