namespace RelationsAlerts.Core.Stories;

/// <summary>What a lexicon concept names; the kind decides how much a shared concept says about two reports.</summary>
internal enum ConceptKind
{
    /// <summary>A state; compared as a set (a Pakistan–Uzbekistan deal is not a Pakistan–Belarus deal), never as evidence.</summary>
    Country,

    /// <summary>Minsk and Islamabad: named in most reports, so weak evidence.</summary>
    Capital,

    Place,

    /// <summary>Provinces and regions: broader than a city.</summary>
    Region,

    Person,

    Organisation,

    /// <summary>Common nouns of the domain: tractor, scholarship, visa.</summary>
    Thing,

    /// <summary>Generic acts (signing, talks, visits): in almost every report.</summary>
    Action,
}

/// <summary>
/// One concept of the bilingual story lexicon with its surface forms in English, Russian, Belarusian and Urdu
/// (comma-separated; a word ending in '*' matches any continuation). <paramref name="Implies"/> adds a second concept
/// (Lukashenko → president) and <paramref name="Country"/> the country the name belongs to (Karachi → Pakistan).
/// </summary>
internal sealed record Concept(string Id, ConceptKind Kind, string Forms, string? Implies = null, string? Country = null);
