using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Web;

/// <summary>
/// The preference form behind the signed manage link (<c>/api/subscriptions/manage?token=…</c>). Browsers asking for
/// HTML get this page; the JSON GET and PUT stay as they are. The form posts the token in its body, validated like the API.
/// </summary>
internal static class PreferencesPage
{
    public const string Path = "/api/subscriptions/manage";
    private const string Title = "Your digest preferences";

    public static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    public static async Task<WebResult> GetAsync(
        string? token, SubscriptionService subscriptions, ITopicStore topics, SubscriberLinks links, CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.GetForManageAsync(token, cancellationToken);
        return outcome.Succeeded
            ? Render(await PublicTopics.ListAsync(topics, cancellationToken), token!, outcome.Subscriber!, links, SubscriptionFormValues.From(outcome.Subscriber!), new Dictionary<string, string[]>())
            : LinkNotValid(outcome.Message);
    }

    public static async Task<WebResult> PostAsync(
        HttpRequest request, SubscriptionService subscriptions, ITopicStore topics, SubscriberLinks links, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        var token = form["token"].ToString();
        var current = await subscriptions.GetForManageAsync(token, cancellationToken);
        if (!current.Succeeded)
        {
            return LinkNotValid(current.Message);
        }

        var values = SubscriptionFormValues.From(form);
        var sectors = await PublicTopics.ListAsync(topics, cancellationToken);
        var submitted = values.ToRequest();
        var errors = SubscriptionForm.ForPeople(submitted.Validate(PublicTopics.Ids(sectors), requireEmail: false));
        if (errors.Count > 0)
        {
            return Render(sectors, token, current.Subscriber!, links, values, errors, status: StatusCodes.Status400BadRequest);
        }

        var saved = await subscriptions.UpdatePreferencesAsync(token, submitted.ToPreferences(), cancellationToken);
        return saved.Succeeded
            ? Render(sectors, token, saved.Subscriber!, links, SubscriptionFormValues.From(saved.Subscriber!), new Dictionary<string, string[]>(), saved.Message)
            : Render(sectors, token, current.Subscriber!, links, values, new Dictionary<string, string[]> { ["sectors"] = [Capitalise(saved.Message) + "."] }, status: StatusCodes.Status409Conflict);
    }

    public static WebResult LinkNotValid(string reason) =>
        WebResult.Page(WebLayout.Message("Link not valid", Capitalise(reason) + ".", Html.Of(
            $"<p>To choose new preferences, <a href=\"{WebLayout.SubscribePath}\">sign up again</a>; we will email you a fresh link.</p>")),
            StatusCodes.Status400BadRequest);

    private static WebResult Render(
        IReadOnlyList<Topic> topics, string token, Subscriber subscriber, SubscriberLinks links, SubscriptionFormValues values,
        Dictionary<string, string[]> errors, string? saved = null, int status = StatusCodes.Status200OK)
    {
        var hidden = Html.Of($"<input type=\"hidden\" name=\"token\" value=\"{token}\">");
        var form = SubscriptionForm.Render(new(Path, "Save preferences", IncludeEmail: false, PrefillTimeZone: false, hidden), values, errors, topics);
        var notice = saved is null ? Html.Empty : Html.Of($"<div class=\"notice\" role=\"status\"><p>{saved}</p></div>");
        return WebResult.Page(WebLayout.Render(errors.Count > 0 ? "Error: " + Title : Title, Html.Of(
            $"""
            <h1>{Title}</h1>
            {notice}
            <p class="lead">Choose the sectors you follow and when your digest arrives.</p>
            {form}
            <h2>Stop all digests</h2>
            <p><a href="{links.Unsubscribe(subscriber.Id).PathAndQuery}">Unsubscribe from RelationsAlerts</a></p>
            """)), status);
    }

    internal static string Capitalise(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];
}
