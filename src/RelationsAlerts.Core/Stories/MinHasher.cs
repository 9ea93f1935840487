namespace RelationsAlerts.Core.Stories;

/// <summary>
/// MinHash signatures: for each of <see cref="Length"/> hash functions, the smallest hash over a set's shingles. Two
/// signatures agree in a position with probability equal to the sets' Jaccard similarity. Hashes are FNV-1a over the
/// shingle's UTF-16 code units, re-mixed per function (SplitMix64), so signatures are stable across processes.
/// </summary>
public static class MinHasher
{
    public const int Length = LshBands.Count * LshBands.Rows;

    private static readonly ulong[] Seeds = [.. Enumerable.Range(1, Length).Select(i => Mix((ulong)i))];

    public static ulong[] Signature(IEnumerable<string> shingles)
    {
        ArgumentNullException.ThrowIfNull(shingles);
        var signature = new ulong[Length];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            var hash = Fnv1a(shingle);
            for (var i = 0; i < Length; i++)
            {
                signature[i] = Math.Min(signature[i], Mix(hash ^ Seeds[i]));
            }
        }

        return signature;
    }

    internal static ulong Fnv1a(string text)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001b3UL;
        }

        return hash;
    }

    /// <summary>SplitMix64's finaliser: a cheap, well-spread 64-bit permutation.</summary>
    internal static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
