using System.Net;

namespace RelationsAlerts.App.Subscribers;

/// <summary>Minimal server-rendered pages for links opened from emails: everything encoded, no scripts.</summary>
internal static class SubscriptionPage
{
    public static IResult Render(string title, string message, string? formAction = null, string? token = null, string? button = null, int status = 200)
    {
        var form = formAction is null ? "" :
            $"<form method=\"post\" action=\"{Encode(formAction)}\"><input type=\"hidden\" name=\"token\" value=\"{Encode(token ?? "")}\">" +
            $"<button type=\"submit\" style=\"padding:10px 18px;font-size:16px;\">{Encode(button ?? "Continue")}</button></form>";
        var html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">" +
            $"<title>{Encode(title)} – RelationsAlerts</title></head><body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;\">" +
            $"<h1 style=\"font-size:1.5rem;\">{Encode(title)}</h1><p>{Encode(message)}</p>{form}</body></html>";
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
