using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Turns feed HTML (or feed plain text) into plain text: scripts and styles dropped, tags removed, entities decoded,
/// whitespace collapsed.
/// </summary>
public static partial class HtmlText
{
    // windows-1252 bytes 0x80–0x9F ('\0': unassigned).
    private static readonly char[] Windows1252High =
    [
        '\u20AC', '\0', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\0', '\u017D', '\0',
        '\0', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\0', '\u017E', '\u0178',
    ];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Plain text of an HTML fragment.</summary>
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        // CDATA markers in HTML are leftovers (markup serialized from mixed content, or a feed that escaped its CDATA).
        var text = CdataMarkerRegex().Replace(Processing.DisplayText.StripBidiControls(html), "");
        text = ScriptRegex().Replace(text, " ");
        text = BlockRegex().Replace(text, " ");
        text = TagRegex().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        return FromText(text);
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
        text = ScriptRegex().Replace(text, " ");
        text = ActiveMarkupRegex().Replace(text, "");
        return SpaceRegex().Replace(text, " ").Trim();
    }

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

    // Elements whose content is code or noise rather than text. (iframe/object/applet content is fallback text: only their
    // tags go, with the other tags.)
    [GeneratedRegex(@"<(script|style|noscript|template)\b[\s\S]*?(</\1\s*>|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptRegex();

    [GeneratedRegex(@"<!\[CDATA\[|\]\]>")]
    private static partial Regex CdataMarkerRegex();

    [GeneratedRegex(@"<(br|/p|/div|/li|/h\d)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockRegex();

    [GeneratedRegex(@"<[!/?]?[A-Za-z][^<>]*>|<!--[\s\S]*?-->")]
    private static partial Regex TagRegex();

    // Elements that load, run or submit something, any tag with an attribute that can (on*, href, src, style, action, …),
    // and comments/conditional comments.
    [GeneratedRegex(
        @"<!--[\s\S]*?(-->|$)"
        + @"|</?(script|style|iframe|frame|frameset|object|embed|applet|noscript|form|input|button|textarea|select|img|image|svg|math|link|meta|base|video|audio|source|track|template|portal|xml)\b[^<>]*>?"
        + @"|<[A-Za-z][\w:-]*\s[^<>]*\b(on\w+|href|src|srcset|srcdoc|style|action|formaction|data|xlink:href|background)\s*=[^<>]*>?",
        RegexOptions.IgnoreCase)]
    private static partial Regex ActiveMarkupRegex();

    // A UTF-8 lead byte followed by a continuation byte, both shown as windows-1252/Latin-1 characters.
    [GeneratedRegex("[\u00C2-\u00F4][\u0080-\u00BF\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178]")]
    private static partial Regex MojibakeRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRegex();
}
