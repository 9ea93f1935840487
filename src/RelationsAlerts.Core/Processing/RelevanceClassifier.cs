using System.Text.RegularExpressions;

namespace RelationsAlerts.Core.Processing;

/// <summary>
/// Keeps items where Pakistan and Belarus act together. Co-occurrence alone is not enough: both countries must
/// meet in one sentence with a bilateral cue (or as a "Pakistan-Belarus" compound), and attendance lists,
/// sports fixtures and the Ukraine "Minsk agreements" do not count.
/// </summary>
public static partial class RelevanceClassifier
{
    public const double Threshold = 0.5;

    public static RelevanceDecision Classify(string title, string summary)
    {
        var reasons = new List<string>();
        var all = TextNormalizer.Normalize(title + ". " + summary);
        var pakistan = CountryLexicon.Pakistan.Matches(all);
        var belarus = CountryLexicon.Belarus.Matches(all);
        if (pakistan.Count == 0 || belarus.Count == 0)
        {
            reasons.Add(pakistan.Count == 0 ? "no Pakistan evidence" : "no Belarus evidence");
            return new RelevanceDecision(false, 0, reasons);
        }

        reasons.Add($"pakistan: {string.Join(", ", pakistan)}");
        reasons.Add($"belarus: {string.Join(", ", belarus)}");
        var score = 0.2 + SentenceScore(title, summary, reasons);
        score -= Penalties(all, reasons);
        score = Math.Clamp(score, 0, 1);
        reasons.Add(score >= Threshold ? $"kept: score {score:0.00} ≥ {Threshold}" : $"dropped: score {score:0.00} < {Threshold}");
        return new RelevanceDecision(score >= Threshold, Math.Round(score, 2), reasons);
    }

    private static double SentenceScore(string title, string summary, List<string> reasons)
    {
        var best = 0.0;
        var sentences = SentenceRegex().Split(title + "\n" + summary).Select(TextNormalizer.Normalize);
        foreach (var sentence in sentences)
        {
            if (!CountryLexicon.Pakistan.IsMatch(sentence) || !CountryLexicon.Belarus.IsMatch(sentence))
            {
                continue;
            }

            if (CountryLexicon.OtherCountries.Matches(sentence).Count >= 2)
            {
                reasons.Add("a sentence names both but lists other countries too (attendance list or vote tally)");
                continue;
            }

            var cues = CountryLexicon.BilateralCues.Matches(sentence);
            var value = cues.Count > 0 ? 0.6 : 0.3;
            if (value > best)
            {
                best = value;
                reasons.Add(cues.Count > 0 ? $"both in one sentence with cue: {string.Join(", ", cues.Take(3))}" : "both in one sentence, no bilateral cue");
            }
        }

        if (CountryLexicon.Pakistan.IsMatch(TextNormalizer.Normalize(title)) && CountryLexicon.Belarus.IsMatch(TextNormalizer.Normalize(title)) && best > 0)
        {
            best += 0.2;
            reasons.Add("both in the title");
        }

        return best;
    }

    private static double Penalties(string all, List<string> reasons)
    {
        var penalty = 0.0;
        if (CountryLexicon.Sports.Matches(all) is { Count: > 0 } sports)
        {
            penalty += 0.6;
            reasons.Add($"sports context: {string.Join(", ", sports)}");
        }

        if (CountryLexicon.MinskAgreements.Matches(all) is { Count: > 0 } minsk)
        {
            penalty += 0.6;
            reasons.Add($"Minsk agreements (Ukraine): {string.Join(", ", minsk)}");
        }

        return penalty;
    }

    [GeneratedRegex(@"(?<=[.!?؟۔])\s+|\n+")]
    private static partial Regex SentenceRegex();
}
