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
    private static readonly Dictionary<string, double> Words = new(StringComparer.Ordinal)
    {
        ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["eleven"] = 11, ["twelve"] = 12, ["fifteen"] = 15, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["hundred"] = 100, ["two"] = 2,
        ["три"] = 3, ["трех"] = 3, ["четыре"] = 4, ["пять"] = 5, ["шесть"] = 6, ["семь"] = 7, ["восемь"] = 8, ["девять"] = 9,
        ["девяти"] = 9, ["десять"] = 10, ["двадцать"] = 20, ["тридцать"] = 30, ["два"] = 2, ["две"] = 2, ["двух"] = 2,
        ["دو"] = 2, ["تین"] = 3, ["چار"] = 4, ["پانچ"] = 5, ["نو"] = 9, ["دس"] = 10, ["بیس"] = 20, ["تیس"] = 30,
    };

    private static readonly Dictionary<string, double> Multipliers = new(StringComparer.Ordinal)
    {
        ["thousand"] = 1e3, ["k"] = 1e3, ["тыс"] = 1e3, ["тысяч"] = 1e3, ["тысячи"] = 1e3, ["тысяча"] = 1e3, ["тысячах"] = 1e3,
        ["тысячам"] = 1e3, ["ہزار"] = 1e3, ["lakh"] = 1e5, ["لاکھ"] = 1e5, ["crore"] = 1e7, ["کروڑ"] = 1e7,
        ["million"] = 1e6, ["m"] = 1e6, ["mn"] = 1e6, ["млн"] = 1e6, ["миллион"] = 1e6, ["миллиона"] = 1e6, ["миллионов"] = 1e6,
        ["ملین"] = 1e6, ["billion"] = 1e9, ["bn"] = 1e9, ["млрд"] = 1e9, ["миллиард"] = 1e9, ["миллиарда"] = 1e9, ["ارب"] = 1e9,
    };

    private static readonly HashSet<string> Percent = new(StringComparer.Ordinal) { "%", "pc", "percent", "процент", "процента", "процентов", "فیصد" };

    public static SortedSet<string> Of(string text)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var tokens = TokenRegex().Matches(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant()).Select(m => m.Value).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Value(tokens[i]) is not { } value)
            {
                continue;
            }

            var next = i + 1 < tokens.Count ? tokens[i + 1] : "";
            var scaled = Multipliers.TryGetValue(next, out var multiplier);
            value *= scaled ? multiplier : 1;
            if (Percent.Contains(next))
            {
                keys.Add(value.ToString("R", CultureInfo.InvariantCulture) + "%");
            }
            else if (value >= 3 && (scaled || value is < 1900 or > 2100 || value != Math.Floor(value)))
            {
                keys.Add(value.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        return keys;
    }

    private static double? Value(string token)
    {
        if (Words.TryGetValue(token, out var word))
        {
            return word;
        }

        if (!char.IsDigit(token[0]))
        {
            return null;
        }

        // Digits of any script ("۳۰" is 30); thousands separators are commas, the decimal mark a point.
        var ascii = new StringBuilder(token.Length);
        foreach (var c in token)
        {
            _ = char.IsDigit(c) ? ascii.Append((char)('0' + (int)char.GetNumericValue(c))) : c == '.' ? ascii.Append('.') : ascii;
        }

        return double.TryParse(ascii.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|%|\p{L}+")]
    private static partial Regex TokenRegex();
}
