using System.Globalization;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Web;

/// <summary>One story with every report of it: outlet, date, summary and a link to the outlet's page (http(s) only).</summary>
internal static class StoryPage
{
    /// <summary>The story first seen on <paramref name="day"/>, with the reports that joined it within the archive window after.</summary>
    public static async Task<WebResult> GetAsync(
        string day, string id, IItemStore items, ITopicStore topics, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(day, ArchiveStory.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || await FindAsync(items, date, id, clock.GetUtcNow(), cancellationToken) is not { } story)
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

    private static async Task<ArchiveStory?> FindAsync(IItemStore items, DateOnly day, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (start > now)
        {
            return null;
        }

        var until = Math.Max(Math.Min((start + ArchiveStory.Window).UtcTicks, now.UtcTicks), start.AddDays(1).AddTicks(-1).UtcTicks);
        var stories = await ArchiveStory.BetweenAsync(items, start.AddTicks(-1), new DateTimeOffset(until, TimeSpan.Zero), sector: null, cancellationToken);
        return stories.FirstOrDefault(s => s.Id == id && s.FirstSeenAt < start.AddDays(1));
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
