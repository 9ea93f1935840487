using System.Net;
using System.Text.RegularExpressions;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Turns feed HTML (or feed plain text) into plain text: scripts and styles dropped, tags removed, entities decoded,
/// whitespace collapsed.
/// </summary>
public static partial class HtmlText
{
    /// <summary>Plain text of an HTML fragment.</summary>
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var text = ScriptRegex().Replace(html, " ");
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

        text = ScriptRegex().Replace(text, " ");
        text = ActiveMarkupRegex().Replace(text, "");
        return SpaceRegex().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"<(script|style|iframe|object|noscript)\b[\s\S]*?(</\1\s*>|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptRegex();

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

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRegex();
}
