using System.Globalization;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.App.Web;

/// <summary>
/// The story archive: the last <see cref="ArchiveStory.Window"/> (or one UTC day), optionally one sector, newest first,
/// <see cref="PageSize"/> to a page. Publicly cacheable for a few minutes; feed text is encoded and only http(s) links kept.
/// </summary>
internal static class ArchivePage
{
    public const int PageSize = 20;

    public static async Task<WebResult> ListAsync(
        string? sector, string? date, string? page, IItemStore items, ITopicStore topics, TimeProvider clock, CancellationToken cancellationToken)
    {
        var all = await topics.ListAsync(cancellationToken);
        sector = string.IsNullOrEmpty(sector) ? null : sector;
        if (sector is not null && !all.Any(t => t.Id == sector))
        {
            return NotFound("No such sector", "There is no sector with that name. Choose one from the list in the archive.");
        }

        if (!TryParseDay(date, out var day) || !TryParsePage(page, out var number))
        {
            return WebResult.Page(WebLayout.Message("Not a valid filter", "Use a day like 2026-11-20 and a page number from 1."), StatusCodes.Status400BadRequest);
        }

        var now = clock.GetUtcNow();
        var stories = day is { } d
            ? await ArchiveStory.OnDayAsync(items, d, sector, cancellationToken)
            : await ArchiveStory.BetweenAsync(items, now - ArchiveStory.Window, now, sector, cancellationToken);
        var filters = new Filters(sector, day);
        var shown = stories.Skip((number - 1) * PageSize).Take(PageSize).ToList();
        var offered = await PublicTopics.ListAsync(topics, cancellationToken);
        var title = "Story archive" + (sector is null ? "" : " – " + Name(all, sector)) + (number > 1 ? $" – page {number}" : "");
        return WebResult.Page(WebLayout.Render(title, Html.Of(
            $"""
            <h1>Story archive</h1>
            {FilterForm(filters, offered)}
            <p class="meta" role="status">{Summary(stories.Count, shown.Count, number, filters, all)} {FeedLink(sector, all)}</p>
            {Html.When(shown.Count > 0, Html.Of($"<ol class=\"stories\">{Html.Join(shown.Select(s => Entry(s, all)))}</ol>"))}
            {Pager(filters, number, (stories.Count + PageSize - 1) / PageSize)}
            """), WebSection.Archive), cacheable: true);
    }

    public static Html SectorTags(IEnumerable<string> sectors, IReadOnlyList<Topic> topics) =>
        Html.Of($"<ul class=\"tags\" aria-label=\"Sectors\">{Html.Join(sectors.Select(s => Html.Of($"<li><a href=\"{Url(new(s, null), 1)}\">{Name(topics, s)}</a></li>")))}</ul>");

    public static string Name(IReadOnlyList<Topic> topics, string sector) => topics.FirstOrDefault(t => t.Id == sector)?.DisplayName ?? sector;

    public static WebResult NotFound(string title, string message) =>
        WebResult.Page(WebLayout.Message(title, message, Html.Of($"<p><a href=\"{WebLayout.ArchivePath}\">Back to the archive</a></p>")), StatusCodes.Status404NotFound);

    private static Html Entry(ArchiveStory story, IReadOnlyList<Topic> topics)
    {
        var shown = story.Lead.PublishedAt ?? story.FirstSeenAt;
        var reports = story.Reports.Count == 1 ? "1 report" : $"{story.Reports.Count} reports";
        return Html.Of(
            $"""
            <li class="story">
            <h2><a href="{story.Path}">{WebText.OneLine(story.Lead.Title)}</a></h2>
            <p class="meta"><time datetime="{WebText.Iso(shown)}">{WebText.Date(shown)}</time> · {reports} · Outlets: {string.Join(", ", story.Outlets)}</p>
            {Html.When(story.Lead.Summary.Length > 0, Html.Of($"<p>{WebText.Shorten(story.Lead.Summary, 280)}</p>"))}
            {SectorTags(story.Sectors, topics)}
            </li>
            """);
    }

    private static Html FilterForm(Filters filters, IReadOnlyList<Topic> topics)
    {
        var options = topics.Select(t => t.Id == filters.Sector
            ? Html.Of($"<option value=\"{t.Id}\" selected>{t.DisplayName}</option>")
            : Html.Of($"<option value=\"{t.Id}\">{t.DisplayName}</option>"));
        return Html.Of(
            $"""
            <form class="filters" method="get" action="{WebLayout.ArchivePath}" role="search" aria-label="Filter stories">
            <div class="field"><label for="sector">Sector</label>
            <select id="sector" name="sector"><option value="">All sectors</option>{Html.Join(options)}</select></div>
            <div class="field"><label for="date">Day (UTC)</label>
            <input type="date" id="date" name="date" value="{filters.DayText}" aria-describedby="date-hint"></div>
            <button type="submit">Show stories</button>
            </form>
            <p class="hint" id="date-hint">Leave the day empty to see the last {ArchiveStory.Window.Days} days.</p>
            """);
    }

    private static string Summary(int total, int shown, int page, Filters filters, IReadOnlyList<Topic> topics)
    {
        var scope = (filters.Sector is null ? "" : $" in {Name(topics, filters.Sector)}") +
            (filters.Day is { } d ? $" first seen on {WebText.Date(new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))}" : $" from the last {ArchiveStory.Window.Days} days");
        if (shown == 0)
        {
            return total == 0 ? $"No stories{scope}." : $"No stories on page {page}; there are {total} stories{scope}.";
        }

        var first = ((page - 1) * PageSize) + 1;
        return $"Stories {first}–{first + shown - 1} of {total}{scope}.";
    }

    private static Html FeedLink(string? sector, IReadOnlyList<Topic> topics) => sector is null
        ? Html.Of($"<a href=\"{WebLayout.AllFeedPath}\">Atom feed</a>")
        : Html.Of($"<a href=\"{AtomFeed.Path(sector)}\">Atom feed for {Name(topics, sector)}</a>");

    private static Html Pager(Filters filters, int page, int pages)
    {
        if (pages <= 1 && page == 1)
        {
            return Html.Empty;
        }

        var newer = Html.When(page > 1, Html.Of($"<a rel=\"prev\" href=\"{Url(filters, page - 1)}\">← Newer stories</a>"));
        var older = Html.When(page < pages, Html.Of($"<a rel=\"next\" href=\"{Url(filters, page + 1)}\">Older stories →</a>"));
        return Html.Of($"<nav class=\"pager\" aria-label=\"Pages\">{newer}<span>Page {page} of {Math.Max(pages, 1)}</span>{older}</nav>");
    }

    private static string Url(Filters filters, int page)
    {
        var query = new List<string>();
        if (filters.Sector is not null)
        {
            query.Add("sector=" + Uri.EscapeDataString(filters.Sector));
        }

        if (filters.DayText.Length > 0)
        {
            query.Add("date=" + filters.DayText);
        }

        if (page > 1)
        {
            query.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        }

        return query.Count == 0 ? WebLayout.ArchivePath : WebLayout.ArchivePath + "?" + string.Join('&', query);
    }

    private static bool TryParseDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var ok = DateOnly.TryParseExact(text, ArchiveStory.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        day = ok ? parsed : null;
        return ok;
    }

    private static bool TryParsePage(string? text, out int page)
    {
        page = 1;
        return string.IsNullOrEmpty(text) || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page is >= 1 and <= 10_000);
    }

    private sealed record Filters(string? Sector, DateOnly? Day)
    {
        public string DayText => Day?.ToString(ArchiveStory.DayFormat, CultureInfo.InvariantCulture) ?? "";
    }
}
