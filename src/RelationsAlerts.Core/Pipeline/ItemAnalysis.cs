using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>The relevance decision and sectors of one text, exactly as the poller computes them.</summary>
public sealed record ItemAnalysis(RelevanceDecision Relevance, IReadOnlyList<SectorMatch> Sectors)
{
    /// <summary>Sectors are only assigned to relevant items.</summary>
    public static ItemAnalysis Of(string title, string summary, SectorTagger tagger)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        var relevance = RelevanceClassifier.Classify(title, summary);
        return new ItemAnalysis(relevance, relevance.IsRelevant ? tagger.Tag(title, summary) : []);
    }

    public IReadOnlyList<string> Reasons =>
        [.. Relevance.Reasons, .. Sectors.Select(s => $"sector {s.SectorId}: {string.Join(", ", s.Terms)}")];
}
