namespace RelationsAlerts.Core.Stories;

/// <summary>Set operations on ordinal-sorted, distinct string lists (the shape of <see cref="StoryFeatures"/>).</summary>
internal static class SortedOps
{
    public static IEnumerable<string> Shared(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            var order = string.CompareOrdinal(a[i], b[j]);
            if (order == 0)
            {
                yield return a[i];
                i++;
                j++;
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
    }

    public static int CountShared(IReadOnlyList<string> a, IReadOnlyList<string> b) => Shared(a, b).Count();

    public static bool Contains(IReadOnlyList<string> sorted, string value)
    {
        int low = 0, high = sorted.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(sorted[middle], value);
            if (order == 0)
            {
                return true;
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return false;
    }
}
