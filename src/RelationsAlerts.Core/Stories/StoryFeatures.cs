namespace RelationsAlerts.Core.Stories;

/// <summary>
/// What ties a report to others about the same event, reduced to comparable keys: lexicon concepts (language-independent),
/// the countries involved, name keys, stated quantities, word stems (same-script only) and sectors. Every list is sorted
/// (ordinal) and distinct. Stored with the report's band rows, so candidates are scored without reading the items.
/// </summary>
public sealed record StoryFeatures
{
    /// <summary>When the report was published (else first seen).</summary>
    public required DateTimeOffset Time { get; init; }

    public StoryScript Script { get; init; }

    public IReadOnlyList<string> Concepts { get; init; } = [];

    /// <summary>The concepts the headline names; they weigh more than the ones only in the summary.</summary>
    public IReadOnlyList<string> TitleConcepts { get; init; } = [];

    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<string> Names { get; init; } = [];

    public IReadOnlyList<string> Numbers { get; init; } = [];

    public IReadOnlyList<string> Words { get; init; } = [];

    public IReadOnlyList<string> Sectors { get; init; } = [];

    /// <summary>
    /// The set MinHash is computed over: the cross-language features (third countries, concepts other than generic acts,
    /// names, numbers). A report with none of them (outside the lexicon) falls back on its word stems so its copies still meet.
    /// </summary>
    public IReadOnlyList<string> Shingles()
    {
        var shingles = new List<string>(Countries.Count + Concepts.Count + Names.Count + Numbers.Count);
        foreach (var country in Countries)
        {
            // Every relevant report names Pakistan and Belarus: as shingles they would put every report in one bucket.
            if (!StoryLexicon.HomeCountries.Contains(country, StringComparer.Ordinal))
            {
                shingles.Add("k:" + country);
            }
        }

        foreach (var concept in Concepts)
        {
            if (StoryWeights.ConceptKindOf(concept) != ConceptKind.Action)
            {
                shingles.Add("c:" + concept);
            }
        }

        foreach (var name in Names)
        {
            shingles.Add("n:" + name);
        }

        foreach (var number in Numbers)
        {
            shingles.Add("#:" + number);
        }

        if (shingles.Count == 0)
        {
            shingles.AddRange(Words.Select(w => "w:" + w));
        }

        return shingles;
    }
}

/// <summary>The script a report is written in; names compare across Latin and Cyrillic, words only within one script.</summary>
public enum StoryScript
{
    Latin,
    Cyrillic,
    Arabic,
}
