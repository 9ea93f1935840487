using RelationsAlerts.App.Subscribers;

namespace RelationsAlerts.App.Web;

/// <summary>
/// The public site under <c>/api/</c> (the Functions host's HTTP prefix; function folders Web, Archive and AtomFeeds):
/// sign-up and preference forms, the story archive and Atom feeds. Server-rendered, no third-party assets, usable
/// without JavaScript. Forms read their body themselves and need no antiforgery token: sign-up only sends a
/// confirmation email, and the preference form is authorised by the signed token it carries.
/// </summary>
public static class PublicWebEndpoints
{
    public static IEndpointRouteBuilder MapPublicWeb(this IEndpointRouteBuilder app)
    {
        var web = app.MapGroup("/api").WithTags("web").ExcludeFromDescription();
        web.MapGet("/web", () => TypedResults.LocalRedirect(WebLayout.SubscribePath));
        web.MapGet("/web/subscribe", SignUpPage.GetAsync);
        web.MapPost("/web/subscribe", SignUpPage.PostAsync).RequireRateLimiting(SubscriptionEndpoints.RateLimitPolicy).DisableAntiforgery();
        web.MapGet(WebAssets.StylesheetPath["/api".Length..], () => new WebResult(WebAssets.Stylesheet, "text/css; charset=utf-8", cacheable: true));
        web.MapGet(WebAssets.ScriptPath["/api".Length..], () => new WebResult(WebAssets.Script, "text/javascript; charset=utf-8", cacheable: true));

        // Form posts next to the JSON PUT; the GET in SubscriptionEndpoints shows this form to browsers.
        web.MapPost("/subscriptions/manage", PreferencesPage.PostAsync).RequireRateLimiting(SubscriptionEndpoints.RateLimitPolicy).DisableAntiforgery();

        web.MapGet("/archive", ArchivePage.ListAsync);
        web.MapGet("/archive/{day}/{id}", StoryPage.GetAsync);
        web.MapGet("/feeds/all.atom", AtomFeed.GetAllAsync);
        web.MapGet("/feeds/{sector}.atom", AtomFeed.GetAsync);
        return app;
    }
}
