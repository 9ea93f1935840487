namespace RelationsAlerts.Core.Processing;

/// <summary>
/// Finds whole-word terms in text produced by <see cref="TextNormalizer"/>. A term ending in '*' matches any
/// continuation of its last word (Russian and Urdu inflect: "пакистан*" matches "пакистана", "пакистанские").
/// </summary>
public sealed class KeywordMatcher
{
    private readonly (string Term, string Needle)[] terms;

    public KeywordMatcher(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        this.terms = [.. terms
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => (Term: t, Needle: ToNeedle(t)))
            .Where(p => p.Needle.Trim().Length > 0)
            .DistinctBy(p => p.Needle)];
    }

    /// <summary>The configured terms (as written) that occur in <paramref name="normalizedText"/>.</summary>
    public IReadOnlyList<string> Matches(string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        return [.. terms.Where(t => normalizedText.Contains(t.Needle, StringComparison.Ordinal)).Select(t => t.Term)];
    }

    public bool IsMatch(string normalizedText) =>
        terms.Any(t => normalizedText.Contains(t.Needle, StringComparison.Ordinal));

    private static string ToNeedle(string term)
    {
        var prefix = term.TrimEnd().EndsWith('*');
        var normalized = TextNormalizer.Normalize(term.TrimEnd().TrimEnd('*'));
        // Normalize pads with spaces; a prefix term must not require a space after its stem.
        return prefix ? normalized.TrimEnd() : normalized;
    }
}
