namespace RelationsAlerts.Core.Stories;

/// <summary>
/// A report's features with their weights worked out once (concepts, numbers, names, in list order), the leaders it
/// names and its stage: -1 an arrival, +1 a signing, 0 neither or both.
/// </summary>
internal sealed class Weighed
{
    private Weighed(StoryFeatures features)
    {
        Features = features;
        Concepts = new double[features.Concepts.Count];
        var leaders = new List<string>();
        for (var i = 0; i < Concepts.Length; i++)
        {
            var id = features.Concepts[i];
            var kind = StoryWeights.ConceptKindOf(id);
            Concepts[i] = StoryWeights.Concept(kind) * (SortedOps.Contains(features.TitleConcepts, id) ? StoryWeights.Headline : 1);
            if (kind == ConceptKind.Person)
            {
                leaders.Add(id);
            }
        }

        Leaders = leaders;
        Numbers = [.. features.Numbers.Select(StoryWeights.NumberWeight)];
        Names = [.. features.Names.Select(StoryWeights.NameWeight)];
        Total = Concepts.Sum() + Numbers.Sum() + (features.Sectors.Count * StoryWeights.Sector);
        NameTotal = Names.Sum();
        var arrival = SortedOps.Contains(features.Concepts, "arrive");
        var signing = SortedOps.Contains(features.Concepts, "sign");
        Stage = arrival == signing ? 0 : arrival ? -1 : 1;
    }

    public StoryFeatures Features { get; }

    public double[] Concepts { get; }

    public double[] Numbers { get; }

    public double[] Names { get; }

    /// <summary>Leaders named, sorted like the concepts.</summary>
    public IReadOnlyList<string> Leaders { get; }

    public int Stage { get; }

    /// <summary>The weight of what every pair compares: concepts, numbers, sectors.</summary>
    public double Total { get; }

    public double NameTotal { get; }

    public static Weighed Of(StoryFeatures features) => new(features);
}
