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
        return (a.Time - b.Time).Duration() > Window ? 0 : Score(Weighed.Of(a), Weighed.Of(b));
    }

    /// <summary>The score of two reports whose weights are already computed (a new report against many candidates).</summary>
    internal static double Score(Weighed pa, Weighed pb)
    {
        var (a, b) = (pa.Features, pb.Features);
        var apart = (a.Time - b.Time).Duration();
        if (apart > Window)
        {
            return 0;
        }

        var shared = Shared(a.Concepts, pa.Concepts, b.Concepts, pb.Concepts) + Shared(a.Numbers, pa.Numbers, b.Numbers, pb.Numbers)
            + (SortedOps.CountShared(a.Sectors, b.Sectors) * StoryWeights.Sector);
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
        score *= pa.Leaders.Count > 0 && pb.Leaders.Count > 0 && SortedOps.CountShared(pa.Leaders, pb.Leaders) == 0 ? LeaderConflict : 1;
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
}
