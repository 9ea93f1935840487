using RelationsAlerts.Core.Items;

namespace RelationsAlerts.Core.Stories;

/// <summary>Reduces a report to its <see cref="StoryFeatures"/>.</summary>
public static class StoryFeatureExtractor
{
    private const int StemLength = 5;

    // Enough for any news summary; keeps the stored features of a pathological feed entry small.
    private const int MaxWords = 200;

    public static StoryFeatures Of(NewsItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var (title, summary) = Headline(item);
        var tokens = StoryToken.Split(title, summary);
        var texts = tokens.Select(t => t.Text).ToList();
        var covered = new bool[tokens.Count];
        var concepts = new SortedSet<string>(StringComparer.Ordinal);
        var titleConcepts = new SortedSet<string>(StringComparer.Ordinal);
        ConceptMatcher.Lexicon.Match(texts, concepts, covered, titleConcepts, tokens.Count(t => t.InTitle));
        return new StoryFeatures
        {
            Time = item.PublishedAt ?? item.FirstSeenAt,
            Script = ScriptOf(title + " " + summary),
            Concepts = [.. concepts.Where(c => StoryWeights.ConceptKindOf(c) != ConceptKind.Country)],
            TitleConcepts = [.. titleConcepts.Where(c => StoryWeights.ConceptKindOf(c) != ConceptKind.Country)],
            Countries = Countries(concepts),
            Names = Names(tokens, covered),
            Numbers = [.. NumberKeys.Of(title + ". " + summary)],
            Words = Words(tokens, covered),
            Sectors = [.. item.Sectors.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// The headline without a Google News "Headline - Publisher" suffix, and the summary unless it only repeats the headline
    /// (Google News summaries do): such a redirect link cannot be mapped to the publisher's URL offline, so the text must match.
    /// </summary>
    internal static (string Title, string Summary) Headline(NewsItem item)
    {
        var title = item.Title.Trim();
        if (item.Source is { Length: > 0 } source && title.EndsWith(" - " + source, StringComparison.OrdinalIgnoreCase))
        {
            title = title[..^(source.Length + 3)].TrimEnd();
        }

        var summary = item.Summary.Trim();
        return (title, title.Length > 0 && summary.StartsWith(title, StringComparison.OrdinalIgnoreCase) ? "" : summary);
    }

    private static string[] Countries(IEnumerable<string> concepts)
    {
        var countries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in concepts)
        {
            if (ConceptMatcher.Lexicon.Find(id) is { } concept)
            {
                if (concept.Kind == ConceptKind.Country)
                {
                    countries.Add(concept.Id);
                }
                else if (concept.Country is { } country)
                {
                    countries.Add(country);
                }
            }
        }

        return [.. countries];
    }

    /// <summary>Capitalised words the lexicon does not know; a sentence's first word only when it is an abbreviation.</summary>
    private static string[] Names(List<StoryToken> tokens, bool[] covered)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (covered[i] || !token.Capitalised || (token.SentenceStart && !token.AllCaps) || StopWords.CannotBeName(token.Text) || char.IsDigit(token.Text[0]))
            {
                continue;
            }

            if (NameKeys.Of(token.Text) is { Length: >= 2 } key)
            {
                names.Add(key);
            }
        }

        return [.. names];
    }

    private static string[] Words(List<StoryToken> tokens, bool[] covered)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count && words.Count < MaxWords; i++)
        {
            var text = tokens[i].Text;
            if (!covered[i] && text.Length >= 3 && !text.Any(char.IsDigit) && !StopWords.IsStopWord(text))
            {
                // Urdu writes suffixes as separate words; Latin and Cyrillic inflect, so a short stem stands for the word.
                words.Add(ScriptOf(text) == StoryScript.Arabic || text.Length <= StemLength ? text : text[..StemLength]);
            }
        }

        return [.. words];
    }

    internal static StoryScript ScriptOf(string text)
    {
        int latin = 0, cyrillic = 0, arabic = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                latin++;
            }
            else if (c is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
            }
            else if (c is >= '\u0600' and <= '\u06FF')
            {
                arabic++;
            }
        }

        return arabic > latin && arabic > cyrillic ? StoryScript.Arabic : cyrillic > latin ? StoryScript.Cyrillic : StoryScript.Latin;
    }
}
