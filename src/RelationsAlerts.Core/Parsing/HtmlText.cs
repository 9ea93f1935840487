using System.Net;
using System.Text.RegularExpressions;

namespace RelationsAlerts.Core.Parsing;

/// <summary>Turns feed HTML into plain text: scripts and styles dropped, tags removed, entities decoded, whitespace collapsed.</summary>
public static partial class HtmlText
{
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
        // A decoded '&lt;script&gt;' is text now; remove anything tag-like again so it cannot be mistaken for markup later.
        text = TagRegex().Replace(text, "");
        return SpaceRegex().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"<(script|style|iframe|object|noscript)\b[\s\S]*?(</\1\s*>|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptRegex();

    [GeneratedRegex(@"<(br|/p|/div|/li|/h\d)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockRegex();

    [GeneratedRegex(@"<[!/?]?[A-Za-z][^<>]*>|<!--[\s\S]*?-->")]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRegex();
}
