using System.Text.RegularExpressions;

namespace RelationsAlerts.Core.Processing;

/// <summary>
/// Keeps items where Pakistan and Belarus act together. Co-occurrence alone is not enough: both must appear in one
/// sentence that says they interact (a bilateral cue, a "Pakistan-Belarus" compound, or one country's body acting in
/// the other), and that sentence must not be a list of countries or a multilateral gathering unless it says the two
/// met bilaterally. Sports, rankings, market wraps and the Ukraine "Minsk agreements" count against an item.
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
            reasons.Add("dropped: score 0.00 < 0.5");
            return new RelevanceDecision(false, 0, reasons);
        }

        reasons.Add($"pakistan: {string.Join(", ", pakistan)}");
        reasons.Add($"belarus: {string.Join(", ", belarus)}");
        var score = BestSentence(title, summary, reasons);
        if (CountryLexicon.Multilateral.Matches(all) is { Count: > 0 } gathering && !CountryLexicon.BilateralMarkers.IsMatch(all) && score > 0.45)
        {
            // A multilateral event or body framing the story: the two meet as members unless the text says they met.
            score = 0.45;
            reasons.Add($"multilateral context without a bilateral meeting: {string.Join(", ", gathering)}");
        }

        score = Math.Clamp(score - Penalties(all, CountryLexicon.Compounds.IsMatch(all), reasons), 0, 1);
        reasons.Add(score >= Threshold ? $"kept: score {score:0.00} ≥ {Threshold}" : $"dropped: score {score:0.00} < {Threshold}");
        return new RelevanceDecision(score >= Threshold, Math.Round(score, 2), reasons);
    }

    private static double BestSentence(string title, string summary, List<string> reasons)
    {
        var best = 0.0;
        string? why = null;
        foreach (var sentence in SentenceRegex().Split(title + "\n" + summary).Select(TextNormalizer.Normalize))
        {
            if (!CountryLexicon.Pakistan.IsMatch(sentence) || !CountryLexicon.Belarus.IsMatch(sentence))
            {
                continue;
            }

            var (value, reason) = ScoreSentence(sentence);
            if (value > best)
            {
                (best, why) = (value, reason);
            }
        }

        reasons.Add(why ?? "the two countries never appear in one sentence");
        return best;
    }

    private static (double Score, string Reason) ScoreSentence(string sentence)
    {
        var bilateral = CountryLexicon.BilateralMarkers.Matches(sentence);
        var gathering = CountryLexicon.Multilateral.Matches(sentence);
        var others = CountryLexicon.OtherCountries.Matches(sentence);
        if (bilateral.Count == 0 && (gathering.Count > 0 || others.Count >= 2))
        {
            return (0.1, $"both in one sentence, but as part of a list or gathering ({string.Join(", ", [.. gathering, .. others])})");
        }

        if (CountryLexicon.Compounds.Matches(sentence) is { Count: > 0 } compound)
        {
            return (0.9, $"compound: {string.Join(", ", compound)}");
        }

        var cues = CountryLexicon.BilateralCues.Matches(sentence);
        if (cues.Count > 0)
        {
            return (0.9, $"both in one sentence with cue: {string.Join(", ", cues.Take(3))}");
        }

        return CountryLexicon.Adjectives.IsMatch(sentence) && others.Count == 0
            ? (0.55, "one country's body acts in or with the other (nationality adjective)")
            : (0.35, "both in one sentence, no bilateral cue");
    }

    private static double Penalties(string all, bool compound, List<string> reasons)
    {
        var penalty = 0.0;
        foreach (var (matcher, label, weight) in new[]
        {
            (CountryLexicon.Sports, "sports context", 0.6),
            (CountryLexicon.Listings, "ranking, market or advisory listing", 0.5),
            (CountryLexicon.Obituaries, "obituary", 0.5),
            (CountryLexicon.MinskAgreements, "Minsk agreements (Ukraine)", compound ? 0.0 : 0.6),
        })
        {
            if (weight > 0 && matcher.Matches(all) is { Count: > 0 } terms)
            {
                penalty += weight;
                reasons.Add($"{label}: {string.Join(", ", terms)}");
            }
        }

        return penalty;
    }

    [GeneratedRegex(@"(?<=[.!?؟۔;])\s+|\n+")]
    private static partial Regex SentenceRegex();
}
