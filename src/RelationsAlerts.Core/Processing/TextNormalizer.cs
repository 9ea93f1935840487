using System.Globalization;
using System.Text;

namespace RelationsAlerts.Core.Processing;

/// <summary>
/// Normalises text for matching: Unicode NFKC, case folding, Urdu/Arabic letter variants unified,
/// everything that is not a letter or digit becomes one space, and the result is padded with spaces
/// so " term " finds whole words in Latin, Cyrillic and Arabic script alike.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return " ";
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length + 2).Append(' ');
        var lastWasSpace = true;
        foreach (var c in folded)
        {
            var mapped = Map(c);
            if (char.IsLetterOrDigit(mapped) || CharUnicodeInfo.GetUnicodeCategory(mapped) == UnicodeCategory.NonSpacingMark)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(mapped) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(mapped);
                    lastWasSpace = false;
                }
            }
            else if (!lastWasSpace)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
        }

        if (!lastWasSpace)
        {
            builder.Append(' ');
        }

        return builder.ToString();
    }

    private static char Map(char c) => c switch
    {
        'ё' => 'е',
        'ي' or 'ى' => 'ی', // Arabic yeh variants → Farsi/Urdu yeh
        'ك' => 'ک', // Arabic kaf → keheh
        'ة' => 'ہ',
        '\u200c' or '\u200d' => ' ', // zero-width (non-)joiners separate Urdu words
        '’' or '\'' => ' ',
        _ => c,
    };
}
