using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RelationsAlerts.Core.Stories;

/// <summary>
/// The quantities a report states, scaled to one value each so the languages agree: "150,000 tonnes", "150 тыс. тонн"
/// and "$120m" / "$120 млн" / "40 لاکھ" (4 million), and percentages ("28%", "28pc", "28 فیصد"). Years and numbers
/// below three ("two-day", "both") are common to unrelated reports and are left out.
/// </summary>
internal static partial class NumberKeys
{
    private static readonly Dictionary<string, double> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["eleven"] = 11, ["twelve"] = 12, ["fifteen"] = 15, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["hundred"] = 100, ["two"] = 2,
        ["три"] = 3, ["трех"] = 3, ["четыре"] = 4, ["пять"] = 5, ["шесть"] = 6, ["семь"] = 7, ["восемь"] = 8, ["девять"] = 9,
        ["девяти"] = 9, ["десять"] = 10, ["двадцать"] = 20, ["тридцать"] = 30, ["два"] = 2, ["две"] = 2, ["двух"] = 2,
        ["دو"] = 2, ["تین"] = 3, ["چار"] = 4, ["پانچ"] = 5, ["نو"] = 9, ["دس"] = 10, ["بیس"] = 20, ["تیس"] = 30,
    };

    private static readonly Dictionary<string, double> Multipliers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["thousand"] = 1e3, ["k"] = 1e3, ["тыс"] = 1e3, ["тысяч"] = 1e3, ["тысячи"] = 1e3, ["тысяча"] = 1e3, ["тысячах"] = 1e3,
        ["тысячам"] = 1e3, ["ہزار"] = 1e3, ["lakh"] = 1e5, ["لاکھ"] = 1e5, ["crore"] = 1e7, ["کروڑ"] = 1e7,
        ["million"] = 1e6, ["m"] = 1e6, ["mn"] = 1e6, ["млн"] = 1e6, ["миллион"] = 1e6, ["миллиона"] = 1e6, ["миллионов"] = 1e6,
        ["ملین"] = 1e6, ["billion"] = 1e9, ["bn"] = 1e9, ["млрд"] = 1e9, ["миллиард"] = 1e9, ["миллиарда"] = 1e9, ["ارب"] = 1e9,
    };

    private static readonly HashSet<string> Percent = new(StringComparer.OrdinalIgnoreCase) { "%", "pc", "percent", "процент", "процента", "процентов", "فیصد" };

    public static SortedSet<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        double? pending = null;
        foreach (var match in TokenRegex().EnumerateMatches(normalized))
        {
            var token = normalized.AsSpan(match.Index, match.Length);
            if (pending is { } value)
            {
                Add(keys, value, token);
            }

            pending = Value(token);
        }

        if (pending is { } last)
        {
            Add(keys, last, []);
        }

        return keys;
    }

    /// <summary>Adds <paramref name="value"/> as scaled or qualified by the word after it.</summary>
    private static void Add(SortedSet<string> keys, double value, ReadOnlySpan<char> next)
    {
        var scaled = Multipliers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(next, out var multiplier);
        value *= scaled ? multiplier : 1;
        if (Percent.GetAlternateLookup<ReadOnlySpan<char>>().Contains(next))
        {
            keys.Add(value.ToString("R", CultureInfo.InvariantCulture) + "%");
        }
        else if (value >= 3 && (scaled || value is < 1900 or > 2100 || value != Math.Floor(value)))
        {
            keys.Add(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static double? Value(ReadOnlySpan<char> token)
    {
        if (!char.IsDigit(token[0]))
        {
            return Words.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var word) ? word : null;
        }

        // Digits of any script ("۳۰" is 30); thousands separators are commas, the decimal mark a point.
        Span<char> ascii = stackalloc char[token.Length];
        var length = 0;
        foreach (var c in token)
        {
            if (char.IsDigit(c))
            {
                ascii[length++] = (char)('0' + (int)char.GetNumericValue(c));
            }
            else if (c == '.')
            {
                ascii[length++] = '.';
            }
        }

        return double.TryParse(ascii[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|%|\p{L}+")]
    private static partial Regex TokenRegex();
}
