using RelationsAlerts.App.Web;

namespace RelationsAlerts.App.Subscribers;

/// <summary>Pages for links opened from emails, in the public site's layout: everything encoded, no scripts.</summary>
internal static class SubscriptionPage
{
    public static IResult Render(string title, string message, string? formAction = null, string? token = null, string? button = null, int status = 200)
    {
        var next = formAction is not null
            ? Html.Of($"<form method=\"post\" action=\"{formAction}\"><input type=\"hidden\" name=\"token\" value=\"{token ?? ""}\"><button type=\"submit\">{button ?? "Continue"}</button></form>")
            : Html.Of($"<p><a href=\"{WebLayout.ArchivePath}\">Browse the story archive</a> · <a href=\"{WebLayout.SubscribePath}\">Sign up or choose other sectors</a></p>");
        return WebResult.Page(WebLayout.Message(title, message, next), status);
    }
}
