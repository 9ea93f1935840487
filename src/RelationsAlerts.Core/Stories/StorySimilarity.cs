namespace RelationsAlerts.Core.Stories;

/// <summary>
/// How likely two reports are about the same event, in [0, 1]: a weighted cosine over the features both could share
/// (names only between Latin and Cyrillic, words only within one script), then lowered when they disagree on who is
/// involved (different partner countries, different leaders), on the stage of a visit (an arrival is not the signing
/// that follows it), or when they lie more than a day apart.
/// </summary>
public static class StorySimilarity
{
    private const double LeaderConflict = 0.5;
    private const double StageConflict = 0.5;
    private const double MaxDecay = 0.3;
    private static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    /// <summary>Reports further apart than this are never the same story.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromDays(3);

    public static double Score(StoryFeatures a, StoryFeatures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var apart = (a.Time - b.Time).Duration();
        if (apart > Window)
        {
            return 0;
        }

        var sum = new Sum();
        sum.AddConcepts(a, b);
        sum.Add(a.Numbers, b.Numbers, StoryWeights.NumberWeight);
        sum.Add(a.Sectors, b.Sectors, _ => StoryWeights.Sector);
        if (a.Script != StoryScript.Arabic && b.Script != StoryScript.Arabic)
        {
            sum.Add(a.Names, b.Names, StoryWeights.NameWeight);
        }

        if (a.Script == b.Script)
        {
            sum.Add(a.Words, b.Words, _ => StoryWeights.Word);
        }

        if (sum.TotalA == 0 || sum.TotalB == 0)
        {
            return 0;
        }

        var score = sum.Shared / Math.Sqrt(sum.TotalA * sum.TotalB);
        score *= CountryAgreement(a.Countries, b.Countries);
        score *= Disjoint(Leaders(a), Leaders(b)) ? LeaderConflict : 1;
        score *= Stage(a) * Stage(b) < 0 ? StageConflict : 1;
        var late = Math.Max(0, (apart - Grace) / (Window - Grace));
        return score * (1 - (MaxDecay * late));
    }

    /// <summary>1 when one set of countries contains the other; their Jaccard overlap when each names a country the other does not.</summary>
    internal static double CountryAgreement(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var shared = SortedOps.CountShared(a, b);
        return shared == a.Count || shared == b.Count ? 1 : shared / (double)(a.Count + b.Count - shared);
    }

    private static IReadOnlyList<string> Leaders(StoryFeatures f) =>
        [.. f.Concepts.Where(c => StoryWeights.ConceptKindOf(c) == ConceptKind.Person)];

    private static bool Disjoint(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Count > 0 && b.Count > 0 && SortedOps.CountShared(a, b) == 0;

    /// <summary>-1 for an arrival report, +1 for a signing report, 0 for anything else (or both).</summary>
    private static int Stage(StoryFeatures f)
    {
        var arrival = SortedOps.Contains(f.Concepts, "arrive");
        var signing = SortedOps.Contains(f.Concepts, "sign");
        return arrival == signing ? 0 : arrival ? -1 : 1;
    }

    private sealed class Sum
    {
        public double Shared { get; private set; }

        public double TotalA { get; private set; }

        public double TotalB { get; private set; }

        public void AddConcepts(StoryFeatures a, StoryFeatures b)
        {
            double WeightIn(StoryFeatures f, string c) =>
                StoryWeights.Concept(c) * (SortedOps.Contains(f.TitleConcepts, c) ? StoryWeights.Headline : 1);

            TotalA += a.Concepts.Sum(c => WeightIn(a, c));
            TotalB += b.Concepts.Sum(c => WeightIn(b, c));
            foreach (var c in SortedOps.Shared(a.Concepts, b.Concepts))
            {
                Shared += Math.Sqrt(WeightIn(a, c) * WeightIn(b, c));
            }
        }

        public void Add(IReadOnlyList<string> a, IReadOnlyList<string> b, Func<string, double> weight)
        {
            TotalA += a.Sum(weight);
            TotalB += b.Sum(weight);
            Shared += SortedOps.Shared(a, b).Sum(weight);
        }
    }
}
