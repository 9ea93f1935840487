using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Makes real-world feed text safe and well-formed before the XML parser sees it: the prolog's XML declarations (the text is
/// decoded already) and DOCTYPE are removed (no DTD processing, so no entity expansion attacks), HTML named entities become
/// characters, stray ampersands are escaped, references to characters XML forbids are dropped, a root end tag cut short at
/// the end of the body is closed, and CDATA sections and comments are left alone.
/// </summary>
internal static partial class XmlRepair
{
    private static readonly HashSet<string> XmlEntities = ["amp", "lt", "gt", "quot", "apos"];

    public static string Repair(string text)
    {
        text = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        text = CleanProlog(text);
        text = MarkupRegex().Replace(text, m => m.Groups["verbatim"].Success ? m.Value : RepairText(m.Value));
        text = text.Any(c => !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            ? new string([.. text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))])
            : text;
        text = UnclosedEndTagRegex().Replace(text, "$1>");
        return RssWithoutVersionRegex().Replace(text, "$1 version=\"2.0\"", 1);
    }

    /// <summary>
    /// Walks the prolog (whitespace, comments, processing instructions, DOCTYPE) up to the root element and drops every XML
    /// declaration and the DOCTYPE. Only the prolog is touched: the same text inside content is data.
    /// </summary>
    private static string CleanProlog(string text)
    {
        var kept = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                kept.Append(text[i++]);
                continue;
            }

            var rest = text.AsSpan(i);
            if (rest.StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 3;
                kept.Append(text, i, end - i);
                i = end;
            }
            else if (rest.StartsWith("<?", StringComparison.Ordinal))
            {
                var end = text.IndexOf("?>", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                if (!XmlDeclarationRegex().IsMatch(text.AsSpan(i, end - i)))
                {
                    kept.Append(text, i, end - i);
                }

                i = end;
            }
            else if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                i = DoctypeEnd(text, i);
            }
            else
            {
                break;
            }
        }

        return kept.Append(text, i, text.Length - i).ToString();
    }

    /// <summary>The index after a DOCTYPE's closing '&gt;': quoted strings and the bracketed internal subset may contain '&gt;'.</summary>
    private static int DoctypeEnd(string text, int start)
    {
        char? quote = null;
        var inSubset = false;
        for (var i = start + 2; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                quote = c == q ? null : quote;
            }
            else if (inSubset && text.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '[')
            {
                inSubset = true;
            }
            else if (c == ']')
            {
                inSubset = false;
            }
            else if (c == '>' && !inSubset)
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static string RepairText(string text)
    {
        text = EntityRegex().Replace(text, m => ReplaceEntity(m.Groups[1].Value));
        text = CharacterReferenceRegex().Replace(text, m => IsAllowedReference(m, out var code) ? $"&#{code};" : "");
        return StrayAmpersandRegex().Replace(text, "&amp;");
    }

    private static bool IsAllowedReference(Match reference, out int code)
    {
        var hex = reference.Groups["hex"].Success;
        var digits = hex ? reference.Groups["hex"].Value : reference.Groups["dec"].Value;
        return int.TryParse(digits, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out code)
            && code <= 0x10FFFF
            && (code > 0xFFFF ? code >= 0x10000 : XmlConvert.IsXmlChar((char)code) && !char.IsSurrogate((char)code));
    }

    private static string ReplaceEntity(string name)
    {
        if (XmlEntities.Contains(name))
        {
            return $"&{name};";
        }

        var decoded = WebUtility.HtmlDecode($"&{name};");
        return decoded == $"&{name};" ? $"&amp;{name};" : string.Concat(decoded.EnumerateRunes().Select(r => $"&#{r.Value};"));
    }

    [GeneratedRegex(@"(?<verbatim><!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)|(?:(?!<!\[CDATA\[|<!--)[\s\S])+")]
    private static partial Regex MarkupRegex();

    [GeneratedRegex(@"^<\?xml(\s|\?>)", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclarationRegex();

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex EntityRegex();

    // XML allows only a lower-case x; HTML (and feedparser) accept &#X41; too.
    [GeneratedRegex(@"&#(?:[xX](?<hex>[0-9A-Fa-f]{1,8})|(?<dec>\d{1,10}));")]
    private static partial Regex CharacterReferenceRegex();

    [GeneratedRegex(@"&(?!#\d{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")]
    private static partial Regex StrayAmpersandRegex();

    // A body cut short in the root's end tag ("...</feed") is closed.
    [GeneratedRegex(@"(</[A-Za-z_][\w.:-]*)\s*$")]
    private static partial Regex UnclosedEndTagRegex();

    // FeedReader 1.2.6 throws NullReferenceException on <rss> without version; RSS without one is read as 2.0.
    [GeneratedRegex(@"^((?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->))*\s*<rss)\b(?![^>]*\bversion\s*=)")]
    private static partial Regex RssWithoutVersionRegex();
}
