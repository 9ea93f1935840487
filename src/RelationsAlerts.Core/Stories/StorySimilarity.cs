using System.Runtime.CompilerServices;

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

    // Weights depend only on the features, and a stored report is scored against many new ones.
    private static readonly ConditionalWeakTable<StoryFeatures, Profile> Profiles = [];

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

        var (pa, pb) = (Profiles.GetValue(a, Profile.Of), Profiles.GetValue(b, Profile.Of));
        var shared = Shared(a.Concepts, pa.Concepts, b.Concepts, pb.Concepts) + Shared(a.Numbers, pa.Numbers, b.Numbers, pb.Numbers)
            + Shared(a.Sectors, pa.Sectors, b.Sectors, pb.Sectors);
        var (totalA, totalB) = (pa.Total, pb.Total);
        if (a.Script != StoryScript.Arabic && b.Script != StoryScript.Arabic)
        {
            shared += Shared(a.Names, pa.Names, b.Names, pb.Names);
            (totalA, totalB) = (totalA + pa.NameTotal, totalB + pb.NameTotal);
        }

        if (a.Script == b.Script)
        {
            shared += SortedOps.CountShared(a.Words, b.Words) * StoryWeights.Word;
            (totalA, totalB) = (totalA + (a.Words.Count * StoryWeights.Word), totalB + (b.Words.Count * StoryWeights.Word));
        }

        if (totalA == 0 || totalB == 0)
        {
            return 0;
        }

        var score = shared / Math.Sqrt(totalA * totalB);
        score *= CountryAgreement(a.Countries, b.Countries);
        score *= pa.Leaders.Length > 0 && pb.Leaders.Length > 0 && SortedOps.CountShared(pa.Leaders, pb.Leaders) == 0 ? LeaderConflict : 1;
        score *= pa.Stage * pb.Stage < 0 ? StageConflict : 1;
        var late = Math.Max(0, (apart - Grace) / (Window - Grace));
        return score * (1 - (MaxDecay * late));
    }

    /// <summary>1 when one set of countries contains the other; their Jaccard overlap when each names a country the other does not.</summary>
    internal static double CountryAgreement(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var shared = SortedOps.CountShared(a, b);
        return shared == a.Count || shared == b.Count ? 1 : shared / (double)(a.Count + b.Count - shared);
    }

    /// <summary>Σ √(wa·wb) over the keys both sorted lists hold.</summary>
    private static double Shared(IReadOnlyList<string> a, double[] wa, IReadOnlyList<string> b, double[] wb)
    {
        var sum = 0.0;
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            var order = string.CompareOrdinal(a[i], b[j]);
            if (order == 0)
            {
                sum += Math.Sqrt(wa[i++] * wb[j++]);
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    /// <summary>Per-feature weights in list order, the leaders named, and the stage: -1 arrival, +1 signing, 0 neither (or both).</summary>
    private sealed record Profile(double[] Concepts, double[] Numbers, double[] Sectors, double[] Names, string[] Leaders, int Stage)
    {
        /// <summary>The weight of everything every pair compares (concepts, numbers, sectors).</summary>
        public double Total { get; } = Concepts.Sum() + Numbers.Sum() + Sectors.Sum();

        public double NameTotal { get; } = Names.Sum();

        public static Profile Of(StoryFeatures f)
        {
            var arrival = SortedOps.Contains(f.Concepts, "arrive");
            var signing = SortedOps.Contains(f.Concepts, "sign");
            return new Profile(
                [.. f.Concepts.Select(c => StoryWeights.Concept(c) * (SortedOps.Contains(f.TitleConcepts, c) ? StoryWeights.Headline : 1))],
                [.. f.Numbers.Select(StoryWeights.NumberWeight)],
                [.. f.Sectors.Select(_ => StoryWeights.Sector)],
                [.. f.Names.Select(StoryWeights.NameWeight)],
                [.. f.Concepts.Where(c => StoryWeights.ConceptKindOf(c) == ConceptKind.Person)],
                arrival == signing ? 0 : arrival ? -1 : 1);
        }
    }
}
