namespace RelationsAlerts.Core.Processing;

/// <summary>Whether an item is about Pakistan–Belarus relations, with a score in [0, 1] and the reasons for it.</summary>
public sealed record RelevanceDecision(bool IsRelevant, double Score, IReadOnlyList<string> Reasons);
