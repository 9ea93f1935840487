using System.Globalization;
using System.Text;

namespace RelationsAlerts.App.Web;

/// <summary>Plain-text helpers for feed-supplied strings shown on pages and in Atom.</summary>
internal static class WebText
{
    public static string OneLine(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Shorten(string value, int max)
    {
        value = OneLine(value);
        return value.Length <= max ? value : string.Concat(value.AsSpan(0, value.LastIndexOf(' ', max - 1) is var cut and > 0 ? cut : max - 1), "…");
    }

    public static string Date(DateTimeOffset when) => when.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot carry (feed text may hold control characters or lone surrogates).</summary>
    public static string XmlSafe(string value)
    {
        if (value.All(c => System.Xml.XmlConvert.IsXmlChar(c)))
        {
            return value;
        }

        var clean = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (System.Xml.XmlConvert.IsXmlChar(value[i]))
            {
                clean.Append(value[i]);
            }
            else if (i + 1 < value.Length && System.Xml.XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                clean.Append(value, i, 2);
                i++;
            }
        }

        return clean.ToString();
    }
}
