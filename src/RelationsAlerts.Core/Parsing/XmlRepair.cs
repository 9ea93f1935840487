using System.Net;
using System.Text.RegularExpressions;
using System.Xml;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Makes real-world feed text safe and well-formed before the XML parser sees it: the DOCTYPE is removed
/// (no DTD processing, so no entity expansion attacks), HTML named entities become characters, stray
/// ampersands are escaped and characters illegal in XML are dropped.
/// </summary>
internal static partial class XmlRepair
{
    private static readonly HashSet<string> XmlEntities = ["amp", "lt", "gt", "quot", "apos"];

    public static string Repair(string text)
    {
        text = DoctypeRegex().Replace(text, "");
        text = EntityRegex().Replace(text, m => ReplaceEntity(m.Groups[1].Value));
        text = StrayAmpersandRegex().Replace(text, "&amp;");
        return text.Any(c => !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            ? new string([.. text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))])
            : text;
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

    // The internal subset may contain '>' inside declarations, so match the bracketed part explicitly.
    [GeneratedRegex(@"<!DOCTYPE[^\[>]*(\[[\s\S]*?\]\s*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex DoctypeRegex();

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex EntityRegex();

    [GeneratedRegex(@"&(?!#\d{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")]
    private static partial Regex StrayAmpersandRegex();
}
