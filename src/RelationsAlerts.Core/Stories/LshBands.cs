using System.Globalization;

namespace RelationsAlerts.Core.Stories;

/// <summary>
/// Locality-sensitive hashing over MinHash signatures: the signature is cut into <see cref="Count"/> bands of
/// <see cref="Rows"/> values, and each band hashes to one key. Reports that share any key are candidates; with two rows
/// per band, sets with Jaccard similarity 0.2 meet with probability 1 − (1 − 0.2²)³² ≈ 0.73 and at 0.3 ≈ 0.95, while a
/// key is shared by chance rarely. The table store keeps each report's keys with it in a partition per publication day,
/// so a batch's candidates cost one read per day of its window, however many reports are stored.
/// </summary>
public static class LshBands
{
    public const int Count = 32;
    public const int Rows = 2;

    /// <summary>"b07-3fa2c1d9e0b4a7c2": the band number and a hash of its rows (valid as a table key). None for an empty set.</summary>
    public static IReadOnlyList<string> Keys(ulong[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Length != Count * Rows)
        {
            throw new ArgumentException($"stories: a signature has {Count * Rows} values, not {signature.Length}.", nameof(signature));
        }

        if (signature.All(v => v == ulong.MaxValue))
        {
            return [];
        }

        var keys = new string[Count];
        for (var band = 0; band < Count; band++)
        {
            var hash = (ulong)band;
            for (var row = 0; row < Rows; row++)
            {
                hash = MinHasher.Mix(hash ^ signature[(band * Rows) + row]);
            }

            keys[band] = string.Create(CultureInfo.InvariantCulture, $"b{band:D2}-{hash:x16}");
        }

        return keys;
    }

    public static IReadOnlyList<string> Of(StoryFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Keys(MinHasher.Signature(features.Shingles()));
    }
}
