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
/// Representation. Characters are mapped to a compact alphabet: only characters that occur in some pattern get a class
/// (a few dozen per script), every other character is class 0 and sends the automaton back to the root. Each state's
/// outputs are flattened (its own patterns plus those of its failure chain), so reporting never walks links.
/// While states × classes stays within <see cref="DenseLimit"/> (a few hundred keywords in three scripts are far below
/// it), transitions are a dense deterministic table over that alphabet with failure links folded in: one load per
/// character and no data-dependent branch. Beyond it the automaton keeps only trie edges (sorted per state in flat
/// arrays, the root's dense) plus failure links, O(states + edges) memory, and follows failure links while scanning.
/// </para>
/// </remarks>
public sealed class KeywordAutomaton
{
    /// <summary>Most table entries (states × alphabet classes) for the dense representation: 4 MiB of transitions.</summary>
    public const int DenseLimit = 1 << 20;

    private const int Root = 0;

    /// <summary>Character → alphabet class; characters at or beyond the array's length are class 0.</summary>
    private readonly int[] classOf;

    private readonly int alphabetSize;

    /// <summary>
    /// Dense mode: entry [row + class] is the next state's row (state × alphabetSize), bitwise complemented when that
    /// state reports patterns. Null in sparse mode.
    /// </summary>
    private readonly int[]? table;

    /// <summary>Sparse mode: the root's transitions, dense by class (0 = stay at the root).</summary>
    private readonly int[] rootNext;

    /// <summary>Sparse mode: state s's trie edges are edgeClass/edgeTarget[edgeStart[s]..edgeStart[s + 1]], sorted by class.</summary>
    private readonly int[] edgeStart;

    private readonly int[] edgeClass;

    private readonly int[] edgeTarget;

    /// <summary>Sparse mode: failure links.</summary>
    private readonly int[] fail;

    /// <summary>State s reports outputs[outputStart[s]..outputStart[s + 1]] (pattern ids, ascending).</summary>
    private readonly int[] outputStart;

    private readonly int[] outputs;

    private readonly string[] patterns;

    private readonly int[] payloads;

    /// <summary>Builds the automaton; pattern ids are 0, 1, … in the order given, payloads are taken as passed.</summary>
    /// <exception cref="ArgumentException">A pattern's text is null or empty.</exception>
    public KeywordAutomaton(IEnumerable<KeywordPattern> patterns)
        : this(patterns, DenseLimit)
    {
    }

    /// <summary>Builds the automaton over plain patterns; each pattern's payload is its id.</summary>
    public KeywordAutomaton(IEnumerable<string> patterns)
        : this((patterns ?? throw new ArgumentNullException(nameof(patterns))).Select((p, i) => new KeywordPattern(p, i)))
    {
    }

    /// <summary>Builds with a chosen dense-table limit (0 forces the sparse representation; tests use it).</summary>
    internal KeywordAutomaton(IEnumerable<KeywordPattern> patterns, int denseLimit)
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

        classOf = BuildAlphabet(this.patterns, out alphabetSize);
        var trie = new Trie(alphabetSize);
        for (var id = 0; id < this.patterns.Length; id++)
        {
            var state = Root;
            foreach (var c in this.patterns[id])
            {
                state = trie.GetOrAddChild(state, classOf[c]);
            }

            trie.AddOutput(state, id);
        }

        trie.Link();
        (outputStart, outputs) = trie.FlattenOutputs();
        fail = trie.Fail;
        if ((long)trie.StateCount * alphabetSize <= denseLimit)
        {
            table = trie.DenseTable(outputStart);
            rootNext = edgeStart = edgeClass = edgeTarget = [];
        }
        else
        {
            (rootNext, edgeStart, edgeClass, edgeTarget) = trie.SparseEdges();
        }
    }

    /// <summary>The number of patterns; valid pattern ids are 0 to PatternCount - 1.</summary>
    public int PatternCount => patterns.Length;

    /// <summary>The number of automaton states (trie nodes including the root).</summary>
    public int StateCount => fail.Length;

    /// <summary>Whether transitions are the dense table (true) or trie edges with failure links (false).</summary>
    public bool IsDense => table is not null;

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

        var sink = new FoundSink(found);
        Scan(text, ref sink);
        return sink.Count;
    }

    /// <summary>Whether any pattern occurs in <paramref name="text"/>; stops at the first occurrence.</summary>
    public bool IsMatch(ReadOnlySpan<char> text)
    {
        var sink = default(AnySink);
        Scan(text, ref sink);
        return sink.Found;
    }

    /// <summary>Every occurrence of every pattern (overlaps included), ordered by end position, then by pattern id.</summary>
    public IReadOnlyList<KeywordHit> Occurrences(ReadOnlySpan<char> text)
    {
        var sink = new HitListSink(patterns);
        Scan(text, ref sink);
        return sink.Hits;
    }

    /// <summary>Runs the automaton over <paramref name="text"/>, handing each reporting position's pattern ids to the sink.</summary>
    private void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : IHitSink, allows ref struct
    {
        var map = classOf;
        if (table is { } next)
        {
            var row = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var target = next[row + (c < (uint)map.Length ? map[c] : 0)];
                if (target >= 0)
                {
                    row = target;
                    continue;
                }

                row = ~target;
                var state = row / alphabetSize;
                if (!sink.Report(outputs.AsSpan(outputStart[state], outputStart[state + 1] - outputStart[state]), i + 1))
                {
                    return;
                }
            }

            return;
        }

        var current = Root;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            current = SparseNext(current, c < (uint)map.Length ? map[c] : 0);
            var from = outputStart[current];
            var to = outputStart[current + 1];
            if (from != to && !sink.Report(outputs.AsSpan(from, to - from), i + 1))
            {
                return;
            }
        }
    }

    private int SparseNext(int state, int cls)
    {
        if (cls == 0)
        {
            // No pattern contains this character, so no occurrence can span it.
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
            for (var e = lo; e < hi; e++)
            {
                var k = edgeClass[e];
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
        var maxChar = -1;
        foreach (var pattern in patterns)
        {
            foreach (var c in pattern)
            {
                maxChar = Math.Max(maxChar, c);
            }
        }

        var map = new int[maxChar + 1];
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

    /// <summary>Receives the pattern ids that end at <c>end</c> (exclusive index); returns false to stop the scan.</summary>
    private interface IHitSink
    {
        bool Report(ReadOnlySpan<int> patternIds, int end);
    }

    private ref struct FoundSink(Span<bool> found) : IHitSink
    {
        private readonly Span<bool> found = found;

        public int Count { get; private set; }

        public bool Report(ReadOnlySpan<int> patternIds, int end)
        {
            foreach (var id in patternIds)
            {
                ref var slot = ref found[id];
                if (!slot)
                {
                    slot = true;
                    Count++;
                }
            }

            return true;
        }
    }

    private struct AnySink : IHitSink
    {
        public bool Found { get; private set; }

        public bool Report(ReadOnlySpan<int> patternIds, int end)
        {
            Found = true;
            return false;
        }
    }

    private readonly struct HitListSink(string[] patterns) : IHitSink
    {
        public List<KeywordHit> Hits { get; } = [];

        public bool Report(ReadOnlySpan<int> patternIds, int end)
        {
            foreach (var id in patternIds)
            {
                Hits.Add(new KeywordHit(id, end - patterns[id].Length));
            }

            return true;
        }
    }

    /// <summary>Mutable trie used only during construction.</summary>
    private sealed class Trie(int alphabetSize)
    {
        private readonly List<Dictionary<int, int>?> children = [null];
        private readonly List<List<int>?> own = [null];
        private readonly List<int> breadthFirst = [];

        public int StateCount => children.Count;

        public int[] Fail { get; private set; } = [];

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

        /// <summary>Computes failure links breadth-first (a state's failure target is shallower, so it is final before use).</summary>
        public void Link()
        {
            var fail = new int[StateCount];
            var queue = new Queue<int>();
            queue.Enqueue(Root);
            while (queue.Count > 0)
            {
                var s = queue.Dequeue();
                breadthFirst.Add(s);
                foreach (var (cls, child) in children[s] ?? [])
                {
                    fail[child] = s == Root ? Root : Step(fail, fail[s], cls);
                    queue.Enqueue(child);
                }
            }

            Fail = fail;
        }

        /// <summary>Each state's own patterns followed by its failure chain's, as one ascending list per state.</summary>
        public (int[] Start, int[] Ids) FlattenOutputs()
        {
            var closure = new List<int>[StateCount];
            foreach (var s in breadthFirst)
            {
                var inherited = s == Root ? [] : closure[Fail[s]];
                closure[s] = own[s] is { } mine ? [.. mine.Concat(inherited).Distinct().Order()] : inherited;
            }

            var start = new int[StateCount + 1];
            var ids = new List<int>();
            for (var s = 0; s < StateCount; s++)
            {
                start[s] = ids.Count;
                ids.AddRange(closure[s]);
            }

            start[StateCount] = ids.Count;
            return (start, [.. ids]);
        }

        /// <summary>The full transition function, rows of alphabetSize entries, encoded as described on the table field.</summary>
        public int[] DenseTable(int[] outputStart)
        {
            var table = new int[StateCount * alphabetSize];
            foreach (var s in breadthFirst)
            {
                var row = s * alphabetSize;
                if (s != Root)
                {
                    // Missing edges behave as from the failure state, whose row (shallower) is already complete.
                    Array.Copy(table, Fail[s] * alphabetSize, table, row, alphabetSize);
                }

                foreach (var (cls, child) in children[s] ?? [])
                {
                    table[row + cls] = child;
                }
            }

            for (var i = 0; i < table.Length; i++)
            {
                var target = table[i];
                table[i] = outputStart[target] != outputStart[target + 1] ? ~(target * alphabetSize) : target * alphabetSize;
            }

            return table;
        }

        public (int[] RootNext, int[] EdgeStart, int[] EdgeClass, int[] EdgeTarget) SparseEdges()
        {
            var rootNext = new int[alphabetSize];
            foreach (var (cls, child) in children[Root] ?? [])
            {
                rootNext[cls] = child;
            }

            var edgeStart = new int[StateCount + 1];
            var edgeCount = 0;
            for (var s = 0; s < StateCount; s++)
            {
                edgeStart[s] = edgeCount;
                edgeCount += s == Root ? 0 : children[s]?.Count ?? 0;
            }

            edgeStart[StateCount] = edgeCount;
            var edgeClass = new int[edgeCount];
            var edgeTarget = new int[edgeCount];
            for (var s = 1; s < StateCount; s++)
            {
                var e = edgeStart[s];
                foreach (var (cls, child) in (children[s] ?? []).OrderBy(p => p.Key))
                {
                    edgeClass[e] = cls;
                    edgeTarget[e] = child;
                    e++;
                }
            }

            return (rootNext, edgeStart, edgeClass, edgeTarget);
        }

        private int Step(int[] fail, int state, int cls)
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
