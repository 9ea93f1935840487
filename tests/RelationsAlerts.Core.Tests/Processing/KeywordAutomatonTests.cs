using System.Text;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Tests.Processing;

public sealed class KeywordAutomatonTests
{
    [Fact]
    public void Occurrences_ReportsOverlappingPatterns_HeSheHisHers()
    {
        // Arrange
        var automaton = new KeywordAutomaton(["he", "she", "his", "hers"]);

        // Act
        var hits = automaton.Occurrences("ushers");

        // Assert
        // Ordered by end position, then pattern id: "he" and "she" both end at 4, "hers" at 6.
        Assert.Equal([new KeywordHit(0, 2), new KeywordHit(1, 1), new KeywordHit(3, 2)], hits);
        Assert.Equal([0, 1, 3], automaton.Match("ushers"));
        Assert.Equal([0, 1, 2, 3], automaton.Match("ahishers"));
        Assert.Equal([2], automaton.Match("this"));
        Assert.Empty(automaton.Match("hi sh e"));
    }

    [Fact]
    public void Match_ReportsEveryCopy_WhenTheSamePatternIsGivenTwice()
    {
        // Arrange
        var automaton = new KeywordAutomaton([new KeywordPattern(" oil ", 7), new KeywordPattern(" gas ", 8), new KeywordPattern(" oil ", 9)]);

        // Act
        var ids = automaton.Match(" crude oil prices ");

        // Assert
        Assert.Equal([0, 2], ids);
        Assert.Equal([7, 9], ids.Select(automaton.GetPayload));
        Assert.Equal(" oil ", automaton.GetPattern(2));
    }

    [Fact]
    public void Match_FindsNothing_InEmptyOrBlankText()
    {
        // Arrange
        var automaton = new KeywordAutomaton([" oil ", " pakistan"]);

        // Act / Assert
        Assert.Empty(automaton.Match(""));
        Assert.Empty(automaton.Match(TextNormalizer.Normalize(null)));
        Assert.Empty(automaton.Match(TextNormalizer.Normalize("")));
        Assert.False(automaton.IsMatch(""));
        Assert.Empty(new KeywordMatcher(["oil"]).Matches(TextNormalizer.Normalize("")));
        Assert.Empty(new KeywordAutomaton(Array.Empty<string>()).Match(" anything "));
    }

    [Fact]
    public void Constructor_Throws_OnEmptyPattern()
    {
        Assert.Throws<ArgumentException>(() => new KeywordAutomaton(["oil", ""]));
    }

    [Fact]
    public void Automaton_FallsBackToSparseTransitions_WhenTheDenseTableWouldBeTooLarge()
    {
        // Arrange
        string[] patterns = [" pakistan", " belarus ", " минск", " اسلام آباد ", " he", " she", " hers "];
        const string text = " pakistani and belarus leaders met in минске and اسلام آباد she said hers ";

        // Act
        var dense = new KeywordAutomaton(patterns);
        var sparse = new KeywordAutomaton(patterns.Select((p, i) => new KeywordPattern(p, i)), denseLimit: 0);

        // Assert
        Assert.True(dense.IsDense);
        Assert.False(sparse.IsDense);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], dense.Match(text)); // " he" is found in " hers ".
        Assert.Equal(dense.Match(text), sparse.Match(text));
        Assert.Equal(dense.Occurrences(text), sparse.Occurrences(text));
    }

    [Fact]
    public void SectorTagger_UsesOneDenseAutomaton_ForDefaultTopics()
    {
        // Arrange
        var patterns = DefaultTopics.All.SelectMany(t => t.Include.Values.SelectMany(v => v)).Select(t => new KeywordPattern(" " + t.TrimEnd('*'), 0));

        // Act
        var automaton = new KeywordAutomaton(patterns);

        // Assert
        // A few hundred keywords in three scripts stay far below the dense limit, so tagging never follows failure links.
        Assert.True(automaton.IsDense, $"{automaton.StateCount} states");
    }

    [Theory]
    [InlineData("Soil erosion hits farms", false)]
    [InlineData("Oil exports rise", true)]
    [InlineData("oil", true)]
    [InlineData("Oil-rich region", true)]
    [InlineData("Oils and fats", false)]
    [InlineData("Toil and trouble", false)]
    public void KeywordMatcher_MatchesWholeWordsOnly(string text, bool expected)
    {
        // Arrange
        var matcher = new KeywordMatcher(["oil"]);

        // Act / Assert
        Assert.Equal(expected, matcher.IsMatch(TextNormalizer.Normalize(text)));
    }

    [Theory]
    [InlineData("Amazon opens a warehouse", false)]
    [InlineData("MAZ trucks for Pakistan", true)]
    [InlineData("Belarusian MAZ.", true)]
    [InlineData("mazda sales", false)]
    public void KeywordMatcher_DoesNotMatchWordInsideAnotherWord(string text, bool expected)
    {
        // Arrange
        var matcher = new KeywordMatcher(["maz"]);

        // Act / Assert
        Assert.Equal(expected, matcher.IsMatch(TextNormalizer.Normalize(text)));
    }

    [Fact]
    public void KeywordMatcher_PrefixTerms_MatchWordContinuationsOnlyAtWordStart()
    {
        // Arrange
        var matcher = new KeywordMatcher(["trade*", "pakistan*", "oil"]);

        // Act
        var hits = matcher.Matches(TextNormalizer.Normalize("Pakistani traders discuss tariffs"));
        var inside = matcher.Matches(TextNormalizer.Normalize("Retrade of Antipakistan goods"));

        // Assert
        Assert.Equal(["trade*", "pakistan*"], hits);
        Assert.Empty(inside);
    }

    [Fact]
    public void KeywordMatcher_Phrases_NeedAllWordsInOrder()
    {
        // Arrange
        var matcher = new KeywordMatcher(["joint venture*", "chamber of commerce", "venture"]);

        // Act
        var phrase = matcher.Matches(TextNormalizer.Normalize("A joint-ventures deal with the Chamber  of Commerce."));
        var apart = matcher.Matches(TextNormalizer.Normalize("Joint statement on a new venture; chamber music of commerce"));

        // Assert
        Assert.Equal(["joint venture*", "chamber of commerce"], phrase);
        Assert.Equal(["venture"], apart);
    }

    [Fact]
    public void KeywordMatcher_MatchesCyrillicTerms_WithInflection()
    {
        // Arrange
        var matcher = new KeywordMatcher(["пакистан*", "минск*", "маз", "сотрудничеств*"]);

        // Act
        var hits = matcher.Matches(TextNormalizer.Normalize("Пакистанские делегаты в Минске обсудили сотрудничество с МАЗом"));

        // Assert
        Assert.Equal(["пакистан*", "минск*", "сотрудничеств*"], hits);
        Assert.False(matcher.IsMatch(TextNormalizer.Normalize("Ламаз и непакистанский")));
    }

    [Fact]
    public void KeywordMatcher_MatchesUrduTerms_IncludingPhrasesAndLetterVariants()
    {
        // Arrange
        var matcher = new KeywordMatcher(["پاکستان*", "اسلام آباد", "تجارت*", "وزیر*"]);

        // Act
        // "پاكستاني" uses Arabic kaf and yeh; normalisation folds them to the Urdu letters used in the terms.
        var hits = matcher.Matches(TextNormalizer.Normalize("پاكستاني وفد اسلام آباد میں تجارتی مذاکرات"));

        // Assert
        Assert.Equal(["پاکستان*", "اسلام آباد", "تجارت*"], hits);
        Assert.Empty(matcher.Matches(TextNormalizer.Normalize("اسلام کا پیغام")));
    }

    [Fact]
    public void KeywordMatcher_ReturnsTermsAsWritten_DistinctAndInConfigurationOrder()
    {
        // Arrange
        var matcher = new KeywordMatcher(["Oil*", "gas", "  ", "oil*", "*", "GAS", "energy"]);

        // Act
        var hits = matcher.Matches(TextNormalizer.Normalize("Energy: gas, oilfields and more gas and oil"));

        // Assert
        Assert.Equal(["Oil*", "gas", "energy"], hits);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Automaton_EqualsNaiveContains_OnRandomPatternsAndTexts(bool dense)
    {
        // Arrange
        var random = new Random(20261121);
        // A tiny alphabet (with Cyrillic, Urdu and space) makes overlaps, shared prefixes and nested patterns common.
        const string alphabet = "ab дک ";

        for (var round = 0; round < 2000; round++)
        {
            var patterns = Enumerable.Range(0, random.Next(1, 12)).Select(_ => RandomString(random, alphabet, 1, 6)).ToArray();
            var automaton = new KeywordAutomaton(patterns.Select((p, i) => new KeywordPattern(p, i)), dense ? KeywordAutomaton.DenseLimit : 0);
            Assert.Equal(dense, automaton.IsDense);
            var text = RandomString(random, alphabet, 0, 40);

            // Act
            var actual = automaton.Match(text);

            // Assert
            var expected = Enumerable.Range(0, patterns.Length).Where(i => text.Contains(patterns[i], StringComparison.Ordinal)).ToArray();
            Assert.True(expected.SequenceEqual(actual), $"patterns [{string.Join("|", patterns)}] text '{text}'");
            Assert.Equal(expected.Length > 0, automaton.IsMatch(text));
            Assert.Equal(NaiveOccurrences(patterns, text), SortHits(automaton.Occurrences(text)));
        }
    }

    [Fact]
    public void KeywordMatcher_EqualsNaiveContainsMatcher_OnRandomTermsAndTexts()
    {
        // Arrange
        var random = new Random(4242);
        string[] words = ["oil", "soil", "oils", "gas", "maz", "amazon", "pak", "pakistan", "пакистан", "пакистана", "минск", "маз", "پاکستان", "پاکستانی", "آباد", "a", "b"];

        for (var round = 0; round < 3000; round++)
        {
            var terms = Enumerable.Range(0, random.Next(1, 10)).Select(_ => RandomTerm(random, words)).ToArray();
            var matcher = new KeywordMatcher(terms);
            var text = TextNormalizer.Normalize(string.Join(random.Next(2) == 0 ? " " : ", ", Enumerable.Range(0, random.Next(0, 14)).Select(_ => RandomWord(random, words))));

            // Act
            var actual = matcher.Matches(text);

            // Assert
            var expected = NaiveMatches(terms, text);
            Assert.True(expected.SequenceEqual(actual), $"terms [{string.Join("|", terms)}] text '{text}': expected [{string.Join("|", expected)}], got [{string.Join("|", actual)}]");
            Assert.Equal(expected.Count > 0, matcher.IsMatch(text));
        }
    }

    [Fact]
    public void SectorTagger_EqualsPerTopicNaiveTagger_OnRandomTaxonomies()
    {
        // Arrange
        var random = new Random(7);
        string[] words = ["oil", "palm", "soil", "gas", "trade", "traders", "maz", "amazon", "нефть", "нефтяной", "газ", "تیل", "گیس", "تجارت"];

        for (var round = 0; round < 1000; round++)
        {
            var topics = Enumerable.Range(0, random.Next(1, 6)).Select(i => new Topic
            {
                Id = "t" + i,
                DisplayName = "T" + i,
                Enabled = random.Next(5) > 0,
                Include = new Dictionary<string, IReadOnlyList<string>>
                {
                    ["en"] = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomTerm(random, words))],
                    ["ru"] = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => RandomTerm(random, words))],
                },
                Exclude = new Dictionary<string, IReadOnlyList<string>> { ["en"] = [.. Enumerable.Range(0, random.Next(0, 2)).Select(_ => RandomTerm(random, words))] },
            }).ToArray();
            var tagger = new SectorTagger(topics);
            var title = string.Join(' ', Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomWord(random, words)));
            var summary = string.Join(". ", Enumerable.Range(0, random.Next(0, 8)).Select(_ => RandomWord(random, words)));

            // Act
            var actual = tagger.Tag(title, summary);

            // Assert
            var expected = NaiveTag(topics, title, summary);
            Assert.Equal(expected.Select(m => m.SectorId), actual.Select(m => m.SectorId));
            Assert.Equal(expected.Select(m => string.Join("|", m.Terms)), actual.Select(m => string.Join("|", m.Terms)));
        }
    }

    [Fact]
    public void SectorTagger_EqualsNaiveTagger_OnDefaultTopicsAndSamples()
    {
        // Arrange
        var tagger = new SectorTagger(DefaultTopics.All);
        var items = Infrastructure.SampleCorpus.All;

        foreach (var item in items)
        {
            // Act
            var actual = tagger.Tag(item.Item.Title, item.Item.Summary);

            // Assert
            var expected = NaiveTag(DefaultTopics.All, item.Item.Title, item.Item.Summary);
            Assert.Equal(expected.Select(m => m.SectorId + ":" + string.Join("|", m.Terms)), actual.Select(m => m.SectorId + ":" + string.Join("|", m.Terms)));
        }
    }

    private static string RandomString(Random random, string alphabet, int minLength, int maxLength)
    {
        var builder = new StringBuilder();
        for (var i = random.Next(minLength, maxLength + 1); i > 0; i--)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string RandomWord(Random random, string[] words)
    {
        var word = words[random.Next(words.Length)];
        return random.Next(4) == 0 ? word.ToUpperInvariant() : word;
    }

    private static string RandomTerm(Random random, string[] words)
    {
        var term = string.Join(' ', Enumerable.Range(0, random.Next(1, 3)).Select(_ => words[random.Next(words.Length)]));
        if (random.Next(3) == 0)
        {
            // Prefix term, sometimes cut short so it stems into longer words.
            term = term[..random.Next(1, term.Length + 1)].TrimEnd() + "*";
        }

        return random.Next(10) == 0 ? " " : term;
    }

    private static List<KeywordHit> NaiveOccurrences(string[] patterns, string text)
    {
        var hits = new List<KeywordHit>();
        for (var id = 0; id < patterns.Length; id++)
        {
            for (var at = text.IndexOf(patterns[id], StringComparison.Ordinal); at >= 0; at = text.IndexOf(patterns[id], at + 1, StringComparison.Ordinal))
            {
                hits.Add(new KeywordHit(id, at));
            }
        }

        return SortHits(hits);
    }

    private static List<KeywordHit> SortHits(IEnumerable<KeywordHit> hits) => [.. hits.OrderBy(h => h.PatternId).ThenBy(h => h.Index)];

    /// <summary>The pre-automaton KeywordMatcher: one ordinal Contains per needle.</summary>
    private static List<string> NaiveMatches(IEnumerable<string> terms, string normalizedText) =>
    [.. terms
        .Where(t => !string.IsNullOrWhiteSpace(t))
        .Select(t => (Term: t, Needle: NaiveNeedle(t)))
        .Where(p => p.Needle.Trim().Length > 0)
        .DistinctBy(p => p.Needle)
        .Where(p => normalizedText.Contains(p.Needle, StringComparison.Ordinal))
        .Select(p => p.Term)];

    private static string NaiveNeedle(string term)
    {
        var prefix = term.TrimEnd().EndsWith('*');
        var normalized = TextNormalizer.Normalize(term.TrimEnd().TrimEnd('*'));
        return prefix ? normalized.TrimEnd() : normalized;
    }

    /// <summary>The pre-automaton SectorTagger: per enabled topic, skip on any exclude term, else report the include terms found.</summary>
    private static List<SectorMatch> NaiveTag(IEnumerable<Topic> topics, string title, string summary)
    {
        var text = TextNormalizer.Normalize(title + " " + summary);
        return [.. topics
            .Where(t => t.Enabled)
            .Where(t => NaiveMatches(t.Exclude.Values.SelectMany(v => v), text).Count == 0)
            .Select(t => new SectorMatch(t.Id, NaiveMatches(t.Include.Values.SelectMany(v => v), text)))
            .Where(m => m.Terms.Count > 0)];
    }
}
