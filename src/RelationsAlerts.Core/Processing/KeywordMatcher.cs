namespace RelationsAlerts.Core.Processing;

/// <summary>
/// Finds whole-word terms in text produced by <see cref="TextNormalizer"/>. A term ending in '*' matches any
/// continuation of its last word (Russian and Urdu inflect: "пакистан*" matches "пакистана", "пакистанские").
/// All terms are found in one pass over the text by a shared <see cref="KeywordAutomaton"/>.
/// </summary>
public sealed class KeywordMatcher
{
    private readonly string[] terms;
    private readonly KeywordAutomaton automaton;

    public KeywordMatcher(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var prepared = Prepare(terms);
        this.terms = [.. prepared.Select(p => p.Term)];
        // Pattern id = payload = index into this.terms, so ascending ids are configuration order.
        automaton = new KeywordAutomaton(prepared.Select((p, i) => new KeywordPattern(p.Needle, i)));
    }

    /// <summary>The configured terms (as written) that occur in <paramref name="normalizedText"/>, distinct, in configuration order.</summary>
    public IReadOnlyList<string> Matches(string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        var found = terms.Length <= 1024 ? stackalloc bool[terms.Length] : new bool[terms.Length];
        var count = automaton.Match(normalizedText, found);
        if (count == 0)
        {
            return [];
        }

        var result = new string[count];
        for (int i = 0, n = 0; n < count; i++)
        {
            if (found[i])
            {
                result[n++] = terms[i];
            }
        }

        return result;
    }

    public bool IsMatch(string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        return automaton.IsMatch(normalizedText);
    }

    /// <summary>
    /// The usable terms with their needles: blank terms and terms that normalise to nothing are dropped, and of terms
    /// with the same needle only the first is kept. Needles are " term " (whole words or phrase) or " stem" (prefix).
    /// </summary>
    internal static (string Term, string Needle)[] Prepare(IEnumerable<string> terms) =>
    [.. terms
        .Where(t => !string.IsNullOrWhiteSpace(t))
        .Select(t => (Term: t, Needle: ToNeedle(t)))
        .Where(p => p.Needle.Trim().Length > 0)
        .DistinctBy(p => p.Needle)];

    internal static string ToNeedle(string term)
    {
        var prefix = term.TrimEnd().EndsWith('*');
        var normalized = TextNormalizer.Normalize(term.TrimEnd().TrimEnd('*'));
        // Normalize pads with spaces; a prefix term must not require a space after its stem.
        return prefix ? normalized.TrimEnd() : normalized;
    }
}
