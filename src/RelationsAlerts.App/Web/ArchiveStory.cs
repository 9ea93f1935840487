using System.Globalization;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Web;

/// <summary>One archive entry: the reports of one story (<see cref="NewsItem.StoryId"/>), earliest first; an item not yet filed under a story stands alone.</summary>
internal sealed record ArchiveStory(string Id, IReadOnlyList<NewsItem> Reports)
{
    public const string DayFormat = "yyyy-MM-dd";

    /// <summary>How far back the archive list and the Atom feeds look.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromDays(30);

    public NewsItem Lead => Reports[0];

    public DateTimeOffset FirstSeenAt => Reports.Min(r => r.FirstSeenAt);

    public DateTimeOffset LastSeenAt => Reports.Max(r => r.FirstSeenAt);

    public IReadOnlyList<string> Outlets => [.. Reports.Select(Outlet).Distinct(StringComparer.OrdinalIgnoreCase)];

    public IReadOnlyList<string> Sectors => [.. Reports.SelectMany(r => r.Sectors).Distinct(StringComparer.Ordinal)];

    /// <summary>The detail page; the first-seen day names the storage partition, so the page is one query.</summary>
    public string Path => $"{WebLayout.ArchivePath}/{FirstSeenAt.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(Id)}";

    public static string Outlet(NewsItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Source is { Length: > 0 } source ? source : item.Link?.Host ?? "Unknown outlet";
    }

    public static IReadOnlyList<ArchiveStory> Group(IEnumerable<NewsItem> items) =>
        [.. items
            .GroupBy(StoryKey, StringComparer.Ordinal)
            .Select(g => new ArchiveStory(g.Key, [.. g.OrderBy(i => i.FirstSeenAt).ThenBy(i => i.Id, StringComparer.Ordinal)]))
            .OrderByDescending(s => s.LastSeenAt)
            .ThenBy(s => s.Id, StringComparer.Ordinal)];

    /// <summary>Stories first seen on one UTC day (one partition of the timeline).</summary>
    public static async Task<IReadOnlyList<ArchiveStory>> OnDayAsync(IItemStore items, DateOnly day, string? sector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return await BetweenAsync(items, start.AddTicks(-1), start.AddDays(1).AddTicks(-1), sector, cancellationToken);
    }

    /// <summary>Stories first seen after <paramref name="from"/> up to <paramref name="until"/>, newest first, optionally in one sector.</summary>
    public static async Task<IReadOnlyList<ArchiveStory>> BetweenAsync(
        IItemStore items, DateTimeOffset from, DateTimeOffset until, string? sector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var found = await items.ListSeenBetweenAsync(from, until, cancellationToken);
        return Group(sector is null ? found : found.Where(i => i.Sectors.Contains(sector, StringComparer.Ordinal)));
    }

    /// <summary>Whether <see cref="Id"/> names a story rather than a lone item.</summary>
    public bool IsStory => Lead.StoryId is not null;

    private static string StoryKey(NewsItem item) => item.StoryId ?? item.Id;
}
