using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Stories;

namespace RelationsAlerts.Azure.Tables;

/// <summary>
/// Stories in two tables. <c>stories</c>: one partition per story (header and member rows; the partitions
/// <c>item-{first two characters}</c> hold an item → story index earlier versions wrote, no longer read).
/// <c>storybands</c>: the candidate index, one partition per UTC day of publication (<c>d-yyyyMMdd</c>), rows newest first, each with the report's features and band keys. Candidates for a
/// batch are one RowKey-range query per day within <see cref="StorySimilarity.Window"/> of any of its reports (at most
/// <see cref="MaxPerDay"/> rows each, in at most three pages), filtered in memory by shared band key and window and
/// bounded to <see cref="MaxPerBand"/> per key, so the reads do not grow with the number of stored reports. A report's
/// day row also says which story it was filed under. Writes are entity group transactions per partition: story rows
/// first, then day rows.
/// </summary>
public sealed class TableStoryStore(TableServiceClient client) : IStoryStore
{
    /// <summary>Candidates per band key at most: the newest in the window.</summary>
    public const int MaxPerBand = InMemoryStoryStore.MaxPerBand;

    /// <summary>Rows read per day at most: the newest in the window (one full page).</summary>
    public const int MaxPerDay = 1_000;

    private const int MaxPagesPerDay = 3;
    private const int MaxBatch = 100;
    private const int MaxParallelRequests = 32;

    private readonly TableClient stories = client.GetTableClient(TableNames.Stories);
    private readonly TableClient index = client.GetTableClient(TableNames.StoryBands);

    /// <summary>One point read per report: its candidate index row (written last when it is filed) holds its story.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FindStoriesOfAsync(IReadOnlyCollection<StoryReportKey> reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var found = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await ForEachAsync(reports.DistinctBy(r => r.ItemId, StringComparer.Ordinal), async (report, ct) =>
        {
            var entity = await index.GetEntityIfExistsAsync<StoryIndexEntity>(
                DayPartition(report.FiledAt), IndexRow(report.FiledAt, report.ItemId), [nameof(StoryIndexEntity.StoryId)], ct);
            if (entity.HasValue && entity.Value!.StoryId is { Length: > 0 } storyId)
            {
                found[report.ItemId] = storyId;
            }
        }, cancellationToken);
        return new Dictionary<string, string>(found, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<IReadOnlyList<StoryCandidate>>> FindCandidatesAsync(IReadOnlyList<StoryProbe> probes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probes);

        // Each day any probe's window touches, read once over the union of those windows.
        var days = new SortedDictionary<DateTime, (DateTimeOffset From, DateTimeOffset Until)>();
        foreach (var probe in probes.Where(p => p.BandKeys.Count > 0 && p.From <= p.Until))
        {
            for (var day = probe.From.UtcDateTime.Date; day <= probe.Until.UtcDateTime.Date; day = day.AddDays(1))
            {
                days[day] = days.TryGetValue(day, out var range)
                    ? (Min(range.From, probe.From), Max(range.Until, probe.Until))
                    : (probe.From, probe.Until);
            }
        }

        var read = new List<CandidateRow>[days.Count];
        var ranges = days.ToList();
        await ForEachAsync(Enumerable.Range(0, ranges.Count), async (i, ct) =>
            read[i] = await ReadDayAsync(ranges[i].Key, ranges[i].Value.From, ranges[i].Value.Until, ct), cancellationToken);

        // Band key → rows newest first (days newest first, each day's rows are in RowKey order, newest first).
        var byKey = new Dictionary<string, List<CandidateRow>>(StringComparer.Ordinal);
        foreach (var row in Enumerable.Reverse(read).SelectMany(rows => rows))
        {
            foreach (var key in row.Keys)
            {
                (byKey.TryGetValue(key, out var list) ? list : byKey[key] = []).Add(row);
            }
        }

        return [.. probes.Select(p => Candidates(byKey, p))];
    }

    /// <inheritdoc/>
    public async Task SaveMembersAsync(IReadOnlyCollection<StoryMember> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        var unique = members.DistinctBy(m => m.ItemId, StringComparer.Ordinal).ToList();
        if (unique.Count == 0)
        {
            return;
        }

        // Story rows first, one transaction per story (and per 100 rows): a story started here gets its header in the same
        // transaction as its first report; a story joined here was found through a candidate row, and candidate rows are
        // written only after their story rows, so its header exists.
        var storyWrites = new List<List<TableTransactionAction>>();
        foreach (var story in unique.GroupBy(m => m.StoryId, StringComparer.Ordinal))
        {
            var actions = story.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new StoryEntity
            {
                PartitionKey = m.StoryId,
                RowKey = StoryEntity.MemberPrefix + SafeKey(m.ItemId),
                ItemId = m.ItemId,
                Outlet = m.Outlet,
                PublishedAt = m.PublishedAt,
            })).ToList();
            if (story.FirstOrDefault(m => StoryIds.For(m.ItemId) == story.Key) is { } first)
            {
                actions.Insert(0, new TableTransactionAction(
                    TableTransactionActionType.UpsertReplace,
                    new StoryEntity { PartitionKey = story.Key, RowKey = StoryEntity.HeaderRow, FirstItemId = first.ItemId }));
            }

            storyWrites.AddRange(actions.Chunk(MaxBatch).Select(chunk => chunk.ToList()));
        }

        await ForEachAsync(storyWrites, async (actions, ct) => await stories.SubmitTransactionAsync(actions, ct), cancellationToken);

        // Then the candidate index rows, by day: once a report's row exists it is filed (FindStoriesOfAsync reads it).
        var indexWrites = unique
            .GroupBy(m => DayPartition(m.PublishedAt), StringComparer.Ordinal)
            .SelectMany(day => day.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new StoryIndexEntity
            {
                PartitionKey = day.Key,
                RowKey = IndexRow(m.PublishedAt, m.ItemId),
                ItemId = m.ItemId,
                StoryId = m.StoryId,
                PublishedAt = m.PublishedAt,
                Features = TableJson.Write(m.Features),
                BandKeys = string.Join(' ', m.BandKeys.Distinct(StringComparer.Ordinal)),
            })).Chunk(MaxBatch))
            .Select(chunk => chunk.ToList())
            .ToList();
        await ForEachAsync(indexWrites, async (actions, ct) => await index.SubmitTransactionAsync(actions, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<Story?> GetAsync(string storyId, CancellationToken cancellationToken = default)
    {
        string? first = null;
        var members = new List<StoryEntity>();
        await foreach (var entity in stories.QueryAsync<StoryEntity>(e => e.PartitionKey == storyId, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == StoryEntity.HeaderRow)
            {
                first = entity.FirstItemId;
            }
            else if (entity.IsMember && entity.ItemId is not null)
            {
                members.Add(entity);
            }
        }

        if (first is null && members.Count == 0)
        {
            return null;
        }

        var ordered = members.OrderBy(m => m.PublishedAt).ThenBy(m => m.ItemId, StringComparer.Ordinal).ToList();
        return new Story(
            storyId,
            first ?? ordered[0].ItemId!,
            [.. ordered.Select(m => m.ItemId!)],
            [.. ordered.Select(m => m.Outlet).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>The candidate index partition of a report: the UTC day it was published.</summary>
    internal static string DayPartition(DateTimeOffset published) =>
        StoryIndexEntity.PartitionPrefix + published.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Inverted ticks (19 digits) then the item: the newest report sorts first in its day.</summary>
    internal static string IndexRow(DateTimeOffset published, string itemId) => Inverted(published) + "-" + SafeKey(itemId);

    /// <summary>An item id as a key: itself when Table Storage allows it, else a hash of it ('/', '\', '#', '?' and controls are not allowed).</summary>
    internal static string SafeKey(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length is > 0 and <= 512 && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? id
            : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }

    private static string Inverted(DateTimeOffset time) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One probe's candidates, as the in-memory store finds them: per key the newest rows in the window, at most <see cref="MaxPerBand"/>.</summary>
    private static List<StoryCandidate> Candidates(Dictionary<string, List<CandidateRow>> byKey, StoryProbe probe)
    {
        var found = new Dictionary<string, StoryCandidate>(StringComparer.Ordinal);
        foreach (var key in probe.BandKeys)
        {
            if (!byKey.TryGetValue(key, out var rows))
            {
                continue;
            }

            var taken = 0;
            foreach (var row in rows)
            {
                var time = row.Candidate.Features.Time;
                if (time > probe.Until)
                {
                    continue;
                }

                if (time < probe.From || taken++ == MaxPerBand)
                {
                    break;
                }

                found.TryAdd(row.Candidate.ItemId, row.Candidate);
            }
        }

        return [.. found.Values];
    }

    private static Task ForEachAsync<T>(IEnumerable<T> source, Func<T, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(source, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken }, body);

    private async Task<List<CandidateRow>> ReadDayAsync(DateTime day, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // RowKeys are "{inverted ticks}-{item}": from `until` (smallest) to `from` (largest, any item: '~' sorts after them all).
        var partition = DayPartition(new DateTimeOffset(day, TimeSpan.Zero));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {Inverted(until)} and RowKey le {Inverted(from) + "~"}");
        var found = new List<CandidateRow>();
        var pages = 0;
        await foreach (var page in index.QueryAsync<StoryIndexEntity>(filter, MaxPerDay, cancellationToken: cancellationToken).AsPages(pageSizeHint: MaxPerDay))
        {
            foreach (var row in page.Values.Take(MaxPerDay - found.Count))
            {
                if (TableJson.Read<StoryFeatures?>(row.Features, null) is { } features)
                {
                    found.Add(new CandidateRow(new StoryCandidate(row.ItemId, row.StoryId, features), row.BandKeys.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
                }
            }

            // The newest rows in the window are the ones a new report can join. The service may cut a page short (and
            // even send an empty one with a continuation), so a few pages are allowed, never more.
            if (found.Count >= MaxPerDay || ++pages == MaxPagesPerDay)
            {
                break;
            }
        }

        return found;
    }

    private sealed record CandidateRow(StoryCandidate Candidate, string[] Keys);
}
