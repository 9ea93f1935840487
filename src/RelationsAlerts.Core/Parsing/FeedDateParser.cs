using System.Globalization;
using System.Text.RegularExpressions;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Parses RFC 822/1123 and ISO 8601 dates with named zones, never in the server's local zone or culture.
/// A date without a zone is read as UTC.
/// </summary>
public static partial class FeedDateParser
{
    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = "+00:00", ["UT"] = "+00:00", ["UTC"] = "+00:00", ["Z"] = "+00:00",
        ["EST"] = "-05:00", ["EDT"] = "-04:00", ["CST"] = "-06:00", ["CDT"] = "-05:00",
        ["MST"] = "-07:00", ["MDT"] = "-06:00", ["PST"] = "-08:00", ["PDT"] = "-07:00",
        ["PKT"] = "+05:00", ["MSK"] = "+03:00", ["BST"] = "+01:00", ["CET"] = "+01:00",
        ["CEST"] = "+02:00", ["EET"] = "+02:00", ["EEST"] = "+03:00", ["IST"] = "+05:30",
    };

    private static readonly string[] Formats =
    [
        "d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz", "d MMM yy HH:mm:ss zzz", "d MMM yy HH:mm zzz",
        "d MMMM yyyy HH:mm:ss zzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mmzzz",
        "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-ddzzz",
    ];

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = WeekdayRegex().Replace(value.Trim(), "");
        text = UtcDesignatorRegex().Replace(text, "+00:00");
        text = ZoneRegex().Replace(text, m => Zones.TryGetValue(m.Groups[1].Value, out var offset) ? " " + offset : m.Value);
        text = NumericZoneRegex().Replace(text, "$1$2:$3");
        if (!ZoneSuffixRegex().IsMatch(text))
        {
            text += text.Contains('T', StringComparison.Ordinal) || DateOnlyRegex().IsMatch(text) ? "+00:00" : " +00:00";
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? parsed
            : null;
    }

    [GeneratedRegex(@"(?<=\d)Z$", RegexOptions.IgnoreCase)]
    private static partial Regex UtcDesignatorRegex();

    [GeneratedRegex(@"^[A-Za-z]{3,9},?\s*")]
    private static partial Regex WeekdayRegex();

    [GeneratedRegex(@"\s*\b([A-Z]{1,4})$", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneRegex();

    [GeneratedRegex(@"([+-])(\d{2})(\d{2})$")]
    private static partial Regex NumericZoneRegex();

    [GeneratedRegex(@"[+-]\d{2}:\d{2}$")]
    private static partial Regex ZoneSuffixRegex();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateOnlyRegex();
}
