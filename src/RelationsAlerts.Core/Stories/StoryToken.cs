using System.Globalization;
using System.Text;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Stories;

/// <summary>A word of a report: its <see cref="TextNormalizer"/> form, and the casing that marks names.</summary>
internal readonly record struct StoryToken(string Text, string Original, bool SentenceStart, bool InTitle)
{
    public bool Capitalised => Original.Length > 0 && char.IsUpper(Original[0]);

    /// <summary>"NTDC", "MTZ": abbreviations are names even at the start of a sentence.</summary>
    public bool AllCaps => Original.Length > 1 && Original.All(c => !char.IsLetter(c) || char.IsUpper(c));

    /// <summary>Splits the title and the summary into words as <see cref="TextNormalizer"/> does, remembering sentence starts.</summary>
    public static List<StoryToken> Split(string title, string summary)
    {
        var tokens = new List<StoryToken>();
        Add(tokens, title, inTitle: true);
        Add(tokens, summary, inTitle: false);
        return tokens;
    }

    private static void Add(List<StoryToken> tokens, string text, bool inTitle)
    {
        var word = new StringBuilder();
        var sentenceStart = true;
        foreach (var c in text.Normalize(NormalizationForm.FormKC).Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                if (word.Length > 0)
                {
                    var original = word.ToString();
                    tokens.Add(new StoryToken(Normalize(original), original, sentenceStart, inTitle));
                    word.Clear();
                    sentenceStart = false;
                }

                sentenceStart |= c is '.' or '!' or '?' or '؟' or '۔' or ':';
            }
        }
    }

    /// <summary>The word as <see cref="TextNormalizer"/> writes it; ASCII (most words) only needs lower-casing.</summary>
    private static string Normalize(string word) =>
        Ascii.IsValid(word) ? word.ToLowerInvariant() : TextNormalizer.Normalize(word).Trim();
}
