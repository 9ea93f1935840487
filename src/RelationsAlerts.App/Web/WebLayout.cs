namespace RelationsAlerts.App.Web;

/// <summary>Which main navigation entry a page belongs to.</summary>
internal enum WebSection
{
    None,
    Subscribe,
    Archive,
}

/// <summary>The one layout of every public page: skip link, header with navigation, main content, footer.</summary>
internal static class WebLayout
{
    public const string SubscribePath = "/api/web/subscribe";
    public const string ArchivePath = "/api/archive";
    public const string AllFeedPath = "/api/feeds/all.atom";

    public static Html Render(string title, Html content, WebSection section = WebSection.None, bool timeZoneScript = false) => Html.Of(
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width,initial-scale=1">
        <meta name="color-scheme" content="light">
        <title>{title} – RelationsAlerts</title>
        <link rel="stylesheet" href="{WebAssets.StylesheetUrl}">
        <link rel="alternate" type="application/atom+xml" title="RelationsAlerts: all sectors" href="{AllFeedPath}">
        {Html.When(timeZoneScript, Html.Of($"<script src=\"{WebAssets.ScriptUrl}\" defer></script>"))}
        </head>
        <body>
        <a class="skip" href="#main">Skip to main content</a>
        <header class="site">
        <div class="wrap">
        <a class="brand" href="{SubscribePath}">RelationsAlerts<span class="tagline">Pakistan–Belarus relations</span></a>
        <nav aria-label="Main">
        <ul>
        {NavLink(SubscribePath, "Subscribe", section == WebSection.Subscribe)}
        {NavLink(ArchivePath, "Archive", section == WebSection.Archive)}
        {NavLink(AllFeedPath, "Atom feed", current: false)}
        </ul>
        </nav>
        </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
        {content}
        </main>
        <footer class="site">
        <div class="wrap">
        <p>RelationsAlerts collects public news about Pakistan–Belarus relations and links to the outlets that reported it.
        Headlines and summaries belong to those outlets.</p>
        </div>
        </footer>
        </body>
        </html>
        """);

    /// <summary>A page with just a heading, a message and optionally a one-button form (links opened from emails).</summary>
    public static Html Message(string title, string message, Html extra = default) => Render(title, Html.Of(
        $"""
        <h1>{title}</h1>
        <p class="lead">{message}</p>
        {extra}
        """));

    private static Html NavLink(string href, string text, bool current) =>
        current ? Html.Of($"<li><a href=\"{href}\" aria-current=\"page\">{text}</a></li>") : Html.Of($"<li><a href=\"{href}\">{text}</a></li>");
}
