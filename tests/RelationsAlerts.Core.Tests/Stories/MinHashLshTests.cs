using RelationsAlerts.Core.Stories;

namespace RelationsAlerts.Core.Tests.Stories;

public sealed class MinHashLshTests
{
    private static readonly string[] Base = [.. Enumerable.Range(0, 40).Select(i => $"c:concept-{i}")];

    [Fact]
    public void Signature_IsIndependentOfOrderAndDuplicates()
    {
        // Act
        var forward = MinHasher.Signature(Base);
        var backward = MinHasher.Signature([.. Base.Reverse(), .. Base.Take(5)]);

        // Assert
        Assert.Equal(MinHasher.Length, forward.Length);
        Assert.Equal(forward, backward);
    }

    [Theory]
    [InlineData(40, 1.0)]
    [InlineData(30, 0.6)] // 30 shared of 50 distinct
    [InlineData(20, 0.333)]
    [InlineData(0, 0.0)]
    public void Signature_AgreementEstimatesJaccard(int shared, double jaccard)
    {
        // Arrange: the second set keeps `shared` of the 40 and adds new ones up to 40.
        var other = Base.Take(shared).Concat(Enumerable.Range(0, 40 - shared).Select(i => $"n:other-{i}")).ToArray();

        // Act
        var a = MinHasher.Signature(Base);
        var b = MinHasher.Signature(other);
        var agreement = a.Zip(b).Count(p => p.First == p.Second) / (double)MinHasher.Length;

        // Assert: 64 hash functions give a standard error of at most 0.0625.
        Assert.InRange(agreement, jaccard - 0.2, jaccard + 0.2);
    }

    [Fact]
    public void Keys_AreStableTableKeys_OnePerBand()
    {
        // Act
        var keys = LshBands.Keys(MinHasher.Signature(Base));

        // Assert
        Assert.Equal(LshBands.Count, keys.Count);
        Assert.Equal(LshBands.Count, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^b[0-9]{2}-[0-9a-f]{16}$", k));
        Assert.Equal(keys, LshBands.Keys(MinHasher.Signature(Base)));
    }

    [Fact]
    public void Keys_ShareBands_ForSimilarSets_AndNoneForDisjointSets()
    {
        // Arrange
        var similar = Base.Take(36).Append("n:extra").ToArray();
        var disjoint = Enumerable.Range(0, 40).Select(i => $"w:unrelated-{i}").ToArray();

        // Act
        var keys = LshBands.Keys(MinHasher.Signature(Base));
        var similarKeys = LshBands.Keys(MinHasher.Signature(similar));
        var disjointKeys = LshBands.Keys(MinHasher.Signature(disjoint));

        // Assert
        Assert.True(keys.Intersect(similarKeys).Count() >= 10, "sets with Jaccard 0.88 share most bands");
        Assert.Empty(keys.Intersect(disjointKeys));
    }

    [Fact]
    public void Keys_AreEmpty_ForEmptySet()
    {
        // Act
        var keys = LshBands.Keys(MinHasher.Signature([]));

        // Assert
        Assert.Empty(keys);
    }

    [Fact]
    public void Keys_Throws_WhenSignatureHasWrongLength() =>
        Assert.Throws<ArgumentException>(() => LshBands.Keys(new ulong[3]));
}
