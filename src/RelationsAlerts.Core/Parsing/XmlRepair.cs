using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Makes real-world feed text safe and well-formed before the XML parser sees it: the prolog's DOCTYPE is removed
/// (no DTD processing, so no entity expansion attacks), HTML named entities become characters, stray ampersands
/// are escaped, references to characters XML forbids are dropped, and CDATA sections and comments are left alone.
/// </summary>
internal static partial class XmlRepair
{
    private static readonly HashSet<string> XmlEntities = ["amp", "lt", "gt", "quot", "apos"];

    public static string Repair(string text)
    {
        text = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        text = RemoveDoctype(text);
        text = MarkupRegex().Replace(text, m => m.Groups["verbatim"].Success ? m.Value : RepairText(m.Value));
        text = text.Any(c => !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            ? new string([.. text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))])
            : text;
        return RssWithoutVersionRegex().Replace(text, "$1 version=\"2.0\"", 1);
    }

    /// <summary>Only a DOCTYPE before the root element is a DOCTYPE; the same text inside content is data.</summary>
    private static string RemoveDoctype(string text)
    {
        var root = RootElementRegex().Match(text);
        var prologLength = root.Success ? root.Index : text.Length;
        var doctype = DoctypeRegex().Match(text[..prologLength]);
        return doctype.Success ? text.Remove(doctype.Index, doctype.Length) : text;
    }

    private static string RepairText(string text)
    {
        text = EntityRegex().Replace(text, m => ReplaceEntity(m.Groups[1].Value));
        text = CharacterReferenceRegex().Replace(text, m => IsAllowedReference(m) ? m.Value : "");
        return StrayAmpersandRegex().Replace(text, "&amp;");
    }

    private static bool IsAllowedReference(Match reference)
    {
        var hex = reference.Groups["hex"].Success;
        var digits = hex ? reference.Groups["hex"].Value : reference.Groups["dec"].Value;
        return int.TryParse(digits, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
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

    [GeneratedRegex(@"<[A-Za-z_][\w.:-]*[\s/>]")]
    private static partial Regex RootElementRegex();

    // The internal subset may contain '>' inside declarations, so match the bracketed part explicitly.
    [GeneratedRegex(@"<!DOCTYPE[^\[>]*(\[[\s\S]*?\]\s*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex DoctypeRegex();

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex EntityRegex();

    [GeneratedRegex(@"&#(?:x(?<hex>[0-9A-Fa-f]{1,8})|(?<dec>\d{1,10}));")]
    private static partial Regex CharacterReferenceRegex();

    [GeneratedRegex(@"&(?!#\d{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")]
    private static partial Regex StrayAmpersandRegex();

    // FeedReader 1.2.6 throws NullReferenceException on <rss> without version; RSS without one is read as 2.0.
    [GeneratedRegex(@"^((?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->))*\s*<rss)\b(?![^>]*\bversion\s*=)")]
    private static partial Regex RssWithoutVersionRegex();
}
