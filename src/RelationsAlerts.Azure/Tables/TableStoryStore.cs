using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Stories;

namespace RelationsAlerts.Azure.Tables;

/// <summary>
/// Stories in two tables. <c>stories</c>: one partition per story (header and member rows) plus the item → story index.
/// <c>storybands</c>: one partition per LSH band key, rows ordered newest first, so a candidate lookup is one RowKey-range
/// query (at most <see cref="MaxPerBand"/> rows, in at most three pages) per band key, whatever the number of stored reports.
/// </summary>
public sealed class TableStoryStore(TableServiceClient client) : IStoryStore
{
    /// <summary>Rows read per band key at most: the newest in the window.</summary>
    public const int MaxPerBand = InMemoryStoryStore.MaxPerBand;

    private const int MaxPagesPerBand = 3;

    private readonly TableClient stories = client.GetTableClient(TableNames.Stories);
    private readonly TableClient bands = client.GetTableClient(TableNames.StoryBands);

    /// <inheritdoc/>
    public async Task<string?> FindStoryOfAsync(string itemId, CancellationToken cancellationToken = default)
    {
        var (partition, row) = ItemKeys(itemId);
        var entity = await stories.GetEntityIfExistsAsync<ItemStoryEntity>(partition, row, cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value!.StoryId : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoryCandidate>> FindCandidatesAsync(
        IReadOnlyCollection<string> bandKeys, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bandKeys);
        var pages = await Task.WhenAll(bandKeys.Distinct(StringComparer.Ordinal).Select(key => ReadBandAsync(key, from, until, cancellationToken)));
        return [.. pages.SelectMany(p => p).DistinctBy(c => c.ItemId, StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public async Task SaveMemberAsync(StoryMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        try
        {
            await stories.AddEntityAsync(new StoryEntity { PartitionKey = member.StoryId, RowKey = StoryEntity.HeaderRow, FirstItemId = member.ItemId }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The story exists: this report joins it.
        }

        var row = new StoryEntity
        {
            PartitionKey = member.StoryId,
            RowKey = StoryEntity.MemberPrefix + SafeKey(member.ItemId),
            ItemId = member.ItemId,
            Outlet = member.Outlet,
            PublishedAt = member.PublishedAt,
        };
        await stories.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        var features = TableJson.Write(member.Features);
        await Task.WhenAll(member.BandKeys.Distinct(StringComparer.Ordinal).Select(key => bands.UpsertEntityAsync(
            new StoryBandEntity
            {
                PartitionKey = key,
                RowKey = BandRow(member.PublishedAt, member.ItemId),
                ItemId = member.ItemId,
                StoryId = member.StoryId,
                PublishedAt = member.PublishedAt,
                Features = features,
            },
            TableUpdateMode.Replace,
            cancellationToken)));

        // Written last: until it exists a retry files the report again (every write above is idempotent).
        var (partition, itemRow) = ItemKeys(member.ItemId);
        await stories.UpsertEntityAsync(new ItemStoryEntity { PartitionKey = partition, RowKey = itemRow, StoryId = member.StoryId }, TableUpdateMode.Replace, cancellationToken);
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

    internal static (string PartitionKey, string RowKey) ItemKeys(string itemId)
    {
        var row = SafeKey(itemId);
        return (ItemStoryEntity.PartitionPrefix + (row.Length >= 2 ? row[..2] : row), row);
    }

    /// <summary>Inverted ticks (19 digits) then the item: the newest report sorts first in its band.</summary>
    internal static string BandRow(DateTimeOffset published, string itemId) => Inverted(published) + "-" + SafeKey(itemId);

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

    private async Task<List<StoryCandidate>> ReadBandAsync(string key, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // RowKeys are "{inverted ticks}-{item}": from `until` (smallest) to `from` (largest, any item: '~' sorts after them all).
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey ge {Inverted(until)} and RowKey le {Inverted(from) + "~"}");
        var found = new List<StoryCandidate>();
        var pages = 0;
        await foreach (var page in bands.QueryAsync<StoryBandEntity>(filter, MaxPerBand, cancellationToken: cancellationToken).AsPages(pageSizeHint: MaxPerBand))
        {
            foreach (var row in page.Values.Take(MaxPerBand - found.Count))
            {
                if (TableJson.Read<StoryFeatures?>(row.Features, null) is { } features)
                {
                    found.Add(new StoryCandidate(row.ItemId, row.StoryId, features));
                }
            }

            // The newest rows in the window are the ones a new report can join. The service may cut a page short (and
            // even send an empty one with a continuation), so a few pages are allowed, never more.
            if (found.Count >= MaxPerBand || ++pages == MaxPagesPerBand)
            {
                break;
            }
        }

        return found;
    }
}
