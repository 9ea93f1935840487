using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Stories;

/// <summary>
/// Finds lexicon concepts in a token sequence. A form is a sequence of words, each matched whole or, when written with
/// a trailing '*', as a prefix ("совместн* комисси*" finds "совместной комиссии"). Forms are indexed by their first
/// word (whole words by the word, prefixes by their first three letters), so each token is checked against a few forms.
/// </summary>
internal sealed class ConceptMatcher
{
    private const int PrefixKey = 3;

    private readonly Dictionary<string, List<Form>> byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Form>> byPrefix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Concept> concepts = new(StringComparer.Ordinal);

    public ConceptMatcher(IEnumerable<Concept> lexicon)
    {
        foreach (var concept in lexicon)
        {
            concepts.Add(concept.Id, concept);
            foreach (var text in concept.Forms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Parse(text) is { Length: > 0 } words)
                {
                    var first = words[0];
                    var index = first.Prefix && first.Text.Length >= PrefixKey ? byPrefix : byWord;
                    var key = index == byPrefix ? first.Text[..PrefixKey] : first.Text;
                    (index.TryGetValue(key, out var list) ? list : index[key] = []).Add(new Form(words, concept));
                }
            }
        }
    }

    public static ConceptMatcher Lexicon { get; } = new(StoryLexicon.All);

    public Concept? Find(string id) => concepts.GetValueOrDefault(id);

    /// <summary>
    /// Adds every concept found (and the concepts they imply) to <paramref name="found"/>, and to <paramref name="inTitle"/>
    /// when the match starts within the first <paramref name="titleLength"/> tokens; marks the tokens matches cover.
    /// </summary>
    public void Match(IReadOnlyList<string> tokens, ISet<string> found, bool[] covered, ISet<string>? inTitle = null, int titleLength = 0)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(covered);
        var prefixes = byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var title = i < titleLength ? inTitle : null;
            Try(byWord.GetValueOrDefault(token), tokens, i, found, covered, title);
            if (token.Length >= PrefixKey && prefixes.TryGetValue(token.AsSpan(0, PrefixKey), out var forms))
            {
                Try(forms, tokens, i, found, covered, title);
            }
        }
    }

    private static void Try(List<Form>? forms, IReadOnlyList<string> tokens, int start, ISet<string> found, bool[] covered, ISet<string>? inTitle)
    {
        foreach (var form in forms ?? [])
        {
            if (!form.MatchesAt(tokens, start))
            {
                continue;
            }

            found.Add(form.Concept.Id);
            inTitle?.Add(form.Concept.Id);
            if (form.Concept.Implies is { } implied)
            {
                found.Add(implied);
                inTitle?.Add(implied);
            }

            covered.AsSpan(start, form.Words.Length).Fill(true);
        }
    }

    private static Word[] Parse(string form)
    {
        var words = new List<Word>();
        foreach (var raw in form.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = TextNormalizer.Normalize(raw.TrimEnd('*')).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < parts.Length; i++)
            {
                words.Add(new Word(parts[i], i == parts.Length - 1 && raw.EndsWith('*')));
            }
        }

        return [.. words];
    }

    private readonly record struct Word(string Text, bool Prefix)
    {
        public bool Matches(string token) => Prefix ? token.StartsWith(Text, StringComparison.Ordinal) : token == Text;
    }

    private sealed record Form(Word[] Words, Concept Concept)
    {
        public bool MatchesAt(IReadOnlyList<string> tokens, int start)
        {
            if (start + Words.Length > tokens.Count)
            {
                return false;
            }

            for (var k = 0; k < Words.Length; k++)
            {
                if (!Words[k].Matches(tokens[start + k]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
