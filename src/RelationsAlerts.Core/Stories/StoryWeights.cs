namespace RelationsAlerts.Core.Stories;

/// <summary>How much one shared feature says about two reports being about the same event.</summary>
internal static class StoryWeights
{
    public const double Name = 1.0;
    public const double ShortName = 0.5;
    public const double Number = 1.5;
    public const double LargeNumber = 2.0;
    public const double Word = 0.4;

    /// <summary>Sectors are coarse (most reports have two or three), so a shared one is weak evidence.</summary>
    public const double Sector = 0.25;

    /// <summary>A concept in the headline is what the report is about.</summary>
    public const double Headline = 1.5;

    public static ConceptKind ConceptKindOf(string conceptId) =>
        ConceptMatcher.Lexicon.Find(conceptId)?.Kind ?? ConceptKind.Thing;

    public static double Concept(ConceptKind kind) => kind switch
    {
        ConceptKind.Person or ConceptKind.Organisation => 1.5,
        ConceptKind.Place or ConceptKind.Thing => 1.0,
        ConceptKind.Capital or ConceptKind.Region => 0.5,
        _ => 0.3,
    };

    /// <summary>Percentages and large amounts ("$120m", "150,000 tonnes") are rarely shared by chance.</summary>
    public static double NumberWeight(string key)
    {
        // Keys are invariant round-trip strings: "28%", "150000", "1.5", or "1E+16" for huge values.
        var integerDigits = key.TakeWhile(char.IsAsciiDigit).Count();
        return key.EndsWith('%') || key.Contains('E', StringComparison.Ordinal) || integerDigits >= 4 ? LargeNumber : Number;
    }

    public static double NameWeight(string key) => key.Length >= 3 ? Name : ShortName;
}
