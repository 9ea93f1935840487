using System.Globalization;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Web;

/// <summary>One story with every report of it: outlet, date, summary and a link to the outlet's page (http(s) only).</summary>
internal static class StoryPage
{
    public static async Task<WebResult> GetAsync(string day, string id, IItemStore items, ITopicStore topics, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(day, ArchiveStory.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || (await ArchiveStory.OnDayAsync(items, date, sector: null, cancellationToken)).FirstOrDefault(s => s.Id == id) is not { } story)
        {
            return ArchivePage.NotFound("Story not found", "There is no story at this address. It may have moved; search the archive instead.");
        }

        var all = await topics.ListAsync(cancellationToken);
        var lead = story.Lead;
        return WebResult.Page(WebLayout.Render(WebText.Shorten(lead.Title, 120), Html.Of(
            $"""
            <p><a href="{WebLayout.ArchivePath}">← All stories</a></p>
            <article>
            <h1>{WebText.OneLine(lead.Title)}</h1>
            <p class="meta">First seen <time datetime="{WebText.Iso(story.FirstSeenAt)}">{WebText.Date(story.FirstSeenAt)}</time> · Outlets: {string.Join(", ", story.Outlets)}</p>
            {ArchivePage.SectorTags(story.Sectors, all)}
            <h2>{(story.Reports.Count == 1 ? "1 report" : $"{story.Reports.Count} reports")}</h2>
            <ol class="reports">{Html.Join(story.Reports.Select(Report))}</ol>
            </article>
            """), WebSection.Archive), cacheable: true);
    }

    private static Html Report(NewsItem item)
    {
        var when = item.PublishedAt ?? item.FirstSeenAt;
        var title = WebText.OneLine(item.Title);
        var heading = Html.SafeUrl(item.Link) is { } link
            ? Html.Of($"<a href=\"{link}\" rel=\"noopener noreferrer external\">{title}</a>")
            : Html.Of($"<span>{title}</span>");
        return Html.Of(
            $"""
            <li>
            <p><strong>{heading}</strong></p>
            <p class="meta">{ArchiveStory.Outlet(item)} · <time datetime="{WebText.Iso(when)}">{WebText.Date(when)}</time></p>
            {Html.When(item.Summary.Length > 0, Html.Of($"<p>{WebText.Shorten(item.Summary, 1200)}</p>"))}
            </li>
            """);
    }
}
