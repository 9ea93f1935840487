using System.Globalization;
using System.Text;

namespace RelationsAlerts.Core.Stories;

/// <summary>
/// A spelling-tolerant key for a name in Latin or Cyrillic script, so "Ryzhenkov", "Рыженков" and "Рыженковым" meet:
/// Russian case endings are cut, Cyrillic is transliterated, digraphs are folded (kh → h, sh → s, q → k), and only
/// the first letter and the following consonants are kept, at most six.
/// </summary>
internal static class NameKeys
{
    private const int MaxLength = 6;

    private static readonly string[] CyrillicEndings =
        ["ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ом", "ем", "ам", "ям", "ым", "им", "ах", "ях", "ых", "их", "ой", "ей", "ий", "ый", "ою", "аў"];

    // Single letters and digits as strings, so Fold allocates nothing.
    private static readonly string[] Letters = [.. "abcdefghijklmnopqrstuvwxyz0123456789".Select(c => c.ToString(CultureInfo.InvariantCulture))];

    private static readonly (string From, string To)[] Folds =
    [
        ("shch", "s"), ("sch", "s"), ("sh", "s"), ("ch", "c"), ("zh", "j"), ("kh", "h"), ("ts", "c"), ("th", "t"), ("ph", "f"),
        ("ck", "k"), ("dh", "d"), ("gh", "g"), ("q", "k"), ("x", "ks"), ("w", "v"), ("j", "i"),
    ];

    /// <summary>The key of a normalised (lower-case) word, or "" when it has no Latin or Cyrillic letters.</summary>
    public static string Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var latin = IsCyrillic(word) ? Transliterate(CutEnding(word)) : word;
        Span<char> key = stackalloc char[MaxLength];
        var length = 0;
        for (var i = 0; i < latin.Length && length < MaxLength;)
        {
            var (folded, used) = Fold(latin, i);
            i += used;
            foreach (var c in folded)
            {
                // The first letter stays; after it, vowels, 'h' and repeats go.
                if (length == 0 || (!"aeiouyh".Contains(c, StringComparison.Ordinal) && c != key[length - 1] && length < MaxLength))
                {
                    key[length++] = c;
                }
            }
        }

        return new string(key[..length]);
    }

    /// <summary>The folded letters at <paramref name="i"/> and how many characters they used; non-letters fold to nothing.</summary>
    private static (string Folded, int Used) Fold(string text, int i)
    {
        foreach (var (from, to) in Folds)
        {
            if (string.CompareOrdinal(text, i, from, 0, from.Length) == 0)
            {
                return (to, from.Length);
            }
        }

        var c = text[i];
        return (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? Letters[c < 'a' ? c - '0' + 26 : c - 'a'] : "", 1);
    }

    private static bool IsCyrillic(string word) => word.Any(c => c is >= '\u0400' and <= '\u04FF');

    private static string CutEnding(string word)
    {
        foreach (var ending in CyrillicEndings)
        {
            if (word.Length - ending.Length >= 3 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return word[..^ending.Length];
            }
        }

        return word;
    }

    private static string Transliterate(string word)
    {
        var latin = new StringBuilder(word.Length * 2);
        foreach (var c in word)
        {
            var mapped = c switch
            {
                'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'е' or 'э' or 'є' => "e", 'ж' => "zh", 'з' => "z",
                'и' or 'і' => "i", 'й' or 'ы' => "y", 'к' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'о' => "o", 'п' => "p",
                'р' => "r", 'с' => "s", 'т' => "t", 'у' or 'ў' => "u", 'ф' => "f", 'х' => "kh", 'ц' => "ts", 'ч' => "ch",
                'ш' => "sh", 'щ' => "shch", 'ю' => "yu", 'я' => "ya", 'ъ' or 'ь' => "",
                _ => null,
            };
            _ = mapped is null ? latin.Append(c) : latin.Append(mapped);
        }

        return latin.ToString();
    }
}
