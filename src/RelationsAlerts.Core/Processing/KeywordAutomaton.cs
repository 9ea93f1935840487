using System.Runtime.CompilerServices;

namespace RelationsAlerts.Core.Processing;

/// <summary>A pattern for <see cref="KeywordAutomaton"/>: the exact UTF-16 text to find and a caller-defined payload.</summary>
public readonly record struct KeywordPattern(string Text, int Payload);

/// <summary>An occurrence of pattern <see cref="PatternId"/> starting at <see cref="Index"/> of the scanned text.</summary>
public readonly record struct KeywordHit(int PatternId, int Index);

/// <summary>
/// Aho-Corasick automaton: finds every occurrence of many exact patterns in one left-to-right pass over the text.
/// Built for the output of <see cref="TextNormalizer.Normalize"/>, where KeywordMatcher's needles (" term ", " stem")
/// carry their own word boundaries, but it matches any UTF-16 strings exactly (ordinal).
/// </summary>
/// <remarks>
/// <para>
/// Pattern ids are the positions in the constructor's sequence (0, 1, …); the same text may be given several times
/// (with different payloads) and each copy is reported. An instance is immutable after construction and safe to share
/// between threads.
/// </para>
/// <para>
/// Representation: characters are mapped to a compact alphabet (only characters that occur in some pattern get a class;
/// every other character, digits included when no pattern has one, is class 0 and sends the automaton straight back to
/// the root). The root has a dense transition row; every other state keeps its trie edges sorted in one flat array, plus a
/// failure link. Memory is O(states + edges), independent of how many scripts the patterns use. Each state's outputs are
/// flattened (its own patterns followed by those of its failure chain), so reporting never walks links.
/// </para>
/// </remarks>
public sealed class KeywordAutomaton
{
    private const int Root = 0;

    /// <summary>Character → alphabet class; characters at or beyond the array's length are class 0.</summary>
    private readonly int[] classOf;

    /// <summary>The root's transitions, dense by class (0 = stay at the root).</summary>
    private readonly int[] rootNext;

    /// <summary>State s's trie edges are edgeClass/edgeTarget[edgeStart[s]..edgeStart[s + 1]], sorted by class.</summary>
    private readonly int[] edgeStart;

    private readonly int[] edgeClass;

    private readonly int[] edgeTarget;

    private readonly int[] fail;

    /// <summary>State s reports outputs[outputStart[s]..outputStart[s + 1]] (pattern ids, ascending).</summary>
    private readonly int[] outputStart;

    private readonly int[] outputs;

    private readonly string[] patterns;

    private readonly int[] payloads;

    /// <summary>Builds the automaton; pattern ids are 0, 1, … in the order given, payloads are taken as passed.</summary>
    /// <exception cref="ArgumentException">A pattern's text is null or empty.</exception>
    public KeywordAutomaton(IEnumerable<KeywordPattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var list = patterns as IReadOnlyList<KeywordPattern> ?? [.. patterns];
        this.patterns = new string[list.Count];
        payloads = new int[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            if (string.IsNullOrEmpty(list[i].Text))
            {
                throw new ArgumentException($"Pattern {i} is empty.", nameof(patterns));
            }

            this.patterns[i] = list[i].Text;
            payloads[i] = list[i].Payload;
        }

        classOf = BuildAlphabet(this.patterns, out var alphabetSize);
        var builder = new TrieBuilder(alphabetSize);
        for (var id = 0; id < this.patterns.Length; id++)
        {
            var state = Root;
            foreach (var c in this.patterns[id])
            {
                state = builder.GetOrAddChild(state, classOf[c]);
            }

            builder.AddOutput(state, id);
        }

        (rootNext, edgeStart, edgeClass, edgeTarget, fail, outputStart, outputs) = builder.Build();
    }

    /// <summary>Builds the automaton over plain patterns; each pattern's payload is its id.</summary>
    public KeywordAutomaton(IEnumerable<string> patterns)
        : this((patterns ?? throw new ArgumentNullException(nameof(patterns))).Select((p, i) => new KeywordPattern(p, i)))
    {
    }

    /// <summary>The number of patterns; valid pattern ids are 0 to PatternCount - 1.</summary>
    public int PatternCount => patterns.Length;

    /// <summary>The number of automaton states (trie nodes including the root).</summary>
    public int StateCount => fail.Length;

    /// <summary>The text of pattern <paramref name="patternId"/>.</summary>
    public string GetPattern(int patternId) => patterns[patternId];

    /// <summary>The payload given with pattern <paramref name="patternId"/>.</summary>
    public int GetPayload(int patternId) => payloads[patternId];

    /// <summary>The distinct ids of the patterns that occur in <paramref name="normalizedText"/>, ascending (= construction order).</summary>
    public IReadOnlyList<int> Match(string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        var found = patterns.Length <= 1024 ? stackalloc bool[patterns.Length] : new bool[patterns.Length];
        var count = Match(normalizedText.AsSpan(), found);
        var result = new int[count];
        for (int id = 0, n = 0; n < count; id++)
        {
            if (found[id])
            {
                result[n++] = id;
            }
        }

        return result;
    }

    /// <summary>
    /// Sets <c>found[id]</c> for every pattern id that occurs in <paramref name="text"/> (entries already set stay set) and
    /// returns how many entries this call set. <paramref name="found"/> must hold at least <see cref="PatternCount"/> entries.
    /// </summary>
    public int Match(ReadOnlySpan<char> text, Span<bool> found)
    {
        if (found.Length < patterns.Length)
        {
            throw new ArgumentException($"Needs room for {patterns.Length} pattern ids.", nameof(found));
        }

        var newlyFound = 0;
        var state = Root;
        foreach (var c in text)
        {
            state = Next(state, c);
            for (int o = outputStart[state], end = outputStart[state + 1]; o < end; o++)
            {
                ref var slot = ref found[outputs[o]];
                if (!slot)
                {
                    slot = true;
                    newlyFound++;
                }
            }
        }

        return newlyFound;
    }

    /// <summary>Whether any pattern occurs in <paramref name="text"/>; stops at the first occurrence.</summary>
    public bool IsMatch(ReadOnlySpan<char> text)
    {
        var state = Root;
        foreach (var c in text)
        {
            state = Next(state, c);
            if (outputStart[state] != outputStart[state + 1])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every occurrence of every pattern (overlaps included), ordered by end position, then by pattern id.</summary>
    public IReadOnlyList<KeywordHit> Occurrences(ReadOnlySpan<char> text)
    {
        var hits = new List<KeywordHit>();
        var state = Root;
        for (var i = 0; i < text.Length; i++)
        {
            state = Next(state, text[i]);
            for (int o = outputStart[state], end = outputStart[state + 1]; o < end; o++)
            {
                hits.Add(new KeywordHit(outputs[o], i + 1 - patterns[outputs[o]].Length));
            }
        }

        return hits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Next(int state, char c)
    {
        var map = classOf;
        var cls = c < (uint)map.Length ? map[c] : 0;
        if (cls == 0)
        {
            // No pattern contains this character, so no pattern occurrence can span it.
            return Root;
        }

        while (state != Root)
        {
            var target = FindEdge(state, cls);
            if (target != Root)
            {
                return target;
            }

            state = fail[state];
        }

        return rootNext[cls];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindEdge(int state, int cls)
    {
        int lo = edgeStart[state], hi = edgeStart[state + 1];
        if (hi - lo <= 8)
        {
            var classes = edgeClass;
            for (var e = lo; e < hi; e++)
            {
                var k = classes[e];
                if (k >= cls)
                {
                    return k == cls ? edgeTarget[e] : Root;
                }
            }

            return Root;
        }

        var index = Array.BinarySearch(edgeClass, lo, hi - lo, cls);
        return index >= 0 ? edgeTarget[index] : Root;
    }

    private static int[] BuildAlphabet(string[] patterns, out int alphabetSize)
    {
        var maxChar = 0;
        foreach (var pattern in patterns)
        {
            foreach (var c in pattern)
            {
                maxChar = Math.Max(maxChar, c);
            }
        }

        var map = new int[patterns.Length == 0 ? 0 : maxChar + 1];
        alphabetSize = 1;
        foreach (var pattern in patterns)
        {
            foreach (var c in pattern)
            {
                if (map[c] == 0)
                {
                    map[c] = alphabetSize++;
                }
            }
        }

        return map;
    }

    /// <summary>Mutable trie used only during construction.</summary>
    private sealed class TrieBuilder(int alphabetSize)
    {
        private readonly List<Dictionary<int, int>?> children = [null];
        private readonly List<List<int>?> own = [null];

        public int GetOrAddChild(int state, int cls)
        {
            var map = children[state] ??= [];
            if (!map.TryGetValue(cls, out var child))
            {
                child = children.Count;
                children.Add(null);
                own.Add(null);
                map.Add(cls, child);
            }

            return child;
        }

        public void AddOutput(int state, int patternId) => (own[state] ??= []).Add(patternId);

        public (int[] RootNext, int[] EdgeStart, int[] EdgeClass, int[] EdgeTarget, int[] Fail, int[] OutputStart, int[] Outputs) Build()
        {
            var stateCount = children.Count;
            var rootNext = new int[alphabetSize];
            var edgeStart = new int[stateCount + 1];
            var edgeCount = 0;
            for (var s = 0; s < stateCount; s++)
            {
                edgeStart[s] = edgeCount;
                edgeCount += s == Root ? 0 : children[s]?.Count ?? 0;
            }

            edgeStart[stateCount] = edgeCount;
            var edgeClass = new int[edgeCount];
            var edgeTarget = new int[edgeCount];
            for (var s = 1; s < stateCount; s++)
            {
                if (children[s] is { } map)
                {
                    var e = edgeStart[s];
                    foreach (var (cls, child) in map.OrderBy(p => p.Key))
                    {
                        edgeClass[e] = cls;
                        edgeTarget[e] = child;
                        e++;
                    }
                }
            }

            // Breadth-first: a state's failure target is shallower, so its (flattened) outputs are final before it is used.
            var fail = new int[stateCount];
            var closure = new List<int>[stateCount];
            closure[Root] = own[Root] ?? [];
            var queue = new Queue<int>();
            foreach (var (cls, child) in children[Root] ?? [])
            {
                rootNext[cls] = child;
                fail[child] = Root;
                queue.Enqueue(child);
            }

            while (queue.Count > 0)
            {
                var s = queue.Dequeue();
                var inherited = closure[fail[s]];
                closure[s] = own[s] is { } mine ? [.. mine.Concat(inherited).Distinct().Order()] : inherited;
                foreach (var (cls, child) in children[s] ?? [])
                {
                    fail[child] = Step(fail[s], cls);
                    queue.Enqueue(child);
                }
            }

            var outputStart = new int[stateCount + 1];
            var outputs = new List<int>();
            for (var s = 0; s < stateCount; s++)
            {
                outputStart[s] = outputs.Count;
                outputs.AddRange(closure[s]);
            }

            outputStart[stateCount] = outputs.Count;
            return (rootNext, edgeStart, edgeClass, edgeTarget, fail, outputStart, [.. outputs]);

            int Step(int state, int cls)
            {
                while (true)
                {
                    if (children[state] is { } map && map.TryGetValue(cls, out var next))
                    {
                        return next;
                    }

                    if (state == Root)
                    {
                        return Root;
                    }

                    state = fail[state];
                }
            }
        }
    }
}
