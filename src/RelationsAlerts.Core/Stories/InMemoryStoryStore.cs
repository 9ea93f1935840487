using System.Globalization;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.Core.Stories;

/// <summary>
/// <see cref="IStoryStore"/> in process memory: one time-ordered list per band key, so a lookup is a binary search per
/// key, with the same per-key bound (the newest <see cref="MaxPerBand"/> rows in the window) the table store applies.
/// Used by <c>analyze</c>, the benchmark and tests, and by hosts without storage.
/// </summary>
public sealed class InMemoryStoryStore : IStoryStore
{
    /// <summary>Rows read per band key at most, newest first (as the table store does).</summary>
    public const int MaxPerBand = 100;

    private readonly Lock sync = new();
    private readonly Dictionary<string, string> storyOfItem = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Member>> members = new(StringComparer.Ordinal);

    // Band key → its rows in time order: one row (most keys) or a list. Keys are kept as their 64-bit hash, so the
    // index costs a few dozen bytes per key however many reports it holds.
    private readonly Dictionary<ulong, object> bands = [];

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, string>> FindStoriesOfAsync(IReadOnlyCollection<StoryReportKey> reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (sync)
        {
            foreach (var report in reports)
            {
                if (storyOfItem.TryGetValue(report.ItemId, out var story))
                {
                    found[report.ItemId] = story;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(found);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<IReadOnlyList<StoryCandidate>>> FindCandidatesAsync(IReadOnlyList<StoryProbe> probes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probes);
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<IReadOnlyList<StoryCandidate>>>([.. probes.Select(p => Find(p.BandKeys, p.From, p.Until))]);
        }
    }

    /// <inheritdoc/>
    public Task SaveMembersAsync(IReadOnlyCollection<StoryMember> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        lock (sync)
        {
            foreach (var member in members)
            {
                Save(member);
            }
        }

        return Task.CompletedTask;
    }

    private List<StoryCandidate> Find(IReadOnlyCollection<string> bandKeys, DateTimeOffset from, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(bandKeys);
        var found = new Dictionary<string, StoryCandidate>(StringComparer.Ordinal);
        foreach (var key in bandKeys)
        {
            if (!bands.TryGetValue(KeyOf(key), out var value))
            {
                continue;
            }

            if (value is StoryCandidate single)
            {
                if (single.Features.Time >= from && single.Features.Time <= until)
                {
                    found.TryAdd(single.ItemId, single);
                }

                continue;
            }

            var rows = (List<StoryCandidate>)value;
            var end = FirstAfter(rows, until);
            for (var i = end - 1; i >= 0 && i >= end - MaxPerBand && rows[i].Features.Time >= from; i--)
            {
                found.TryAdd(rows[i].ItemId, rows[i]);
            }
        }

        return [.. found.Values];
    }

    /// <summary>Called under the lock.</summary>
    private void Save(StoryMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!storyOfItem.TryAdd(member.ItemId, member.StoryId))
        {
            return;
        }

        (members.TryGetValue(member.StoryId, out var list) ? list : members[member.StoryId] = []).Add(new Member(member.ItemId, member.Outlet, member.PublishedAt));
        var row = new StoryCandidate(member.ItemId, member.StoryId, member.Features);
        foreach (var key in member.BandKeys)
        {
            var hash = KeyOf(key);
            if (!bands.TryGetValue(hash, out var value))
            {
                bands[hash] = row;
                continue;
            }

            if (value is not List<StoryCandidate> rows)
            {
                bands[hash] = rows = [(StoryCandidate)value];
            }

            rows.Insert(FirstAfter(rows, member.PublishedAt), row);
        }
    }

    /// <inheritdoc/>
    public Task<Story?> GetAsync(string storyId, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            if (!members.TryGetValue(storyId, out var list))
            {
                return Task.FromResult<Story?>(null);
            }

            var ordered = list.OrderBy(m => m.PublishedAt).ThenBy(m => m.ItemId, StringComparer.Ordinal).ToList();
            return Task.FromResult<Story?>(new Story(
                storyId,
                list[0].ItemId,
                [.. ordered.Select(m => m.ItemId)],
                [.. ordered.Select(m => m.Outlet).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)]));
        }
    }

    /// <summary>The 64-bit hash an <see cref="LshBands"/> key spells in hex ("b07-3fa2c1d9e0b4a7c2"); other keys are hashed.</summary>
    private static ulong KeyOf(string key) =>
        key.Length == 20 && key[3] == '-' && ulong.TryParse(key.AsSpan(4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash)
            ? hash
            : MinHasher.Fnv1a(key);

    /// <summary>The index of the first row published after <paramref name="time"/> (rows are in time order).</summary>
    private static int FirstAfter(List<StoryCandidate> rows, DateTimeOffset time)
    {
        int low = 0, high = rows.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            (low, high) = rows[middle].Features.Time <= time ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    /// <summary>What a story keeps of a report (the features live in the band rows).</summary>
    private sealed record Member(string ItemId, string? Outlet, DateTimeOffset PublishedAt);
}
