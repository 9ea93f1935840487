using RelationsAlerts.App.Subscribers;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Web;

/// <summary>
/// The sign-up form. A post goes through the JSON API's validation and <see cref="SubscriptionService.SubscribeAsync"/>;
/// success shows the API's message, identical whether or not the address is already known.
/// </summary>
internal static class SignUpPage
{
    private const string Title = "Get Pakistan–Belarus news by email";

    public static async Task<WebResult> GetAsync(ITopicStore topics, CancellationToken cancellationToken) =>
        Render(await PublicTopics.ListAsync(topics, cancellationToken), SubscriptionFormValues.Default, new Dictionary<string, string[]>(), prefill: true);

    public static async Task<WebResult> PostAsync(HttpRequest request, SubscriptionService subscriptions, ITopicStore topics, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        var values = SubscriptionFormValues.From(form);
        var sectors = await PublicTopics.ListAsync(topics, cancellationToken);
        var submitted = values.ToRequest();
        var errors = SubscriptionForm.ForPeople(submitted.Validate(PublicTopics.Ids(sectors)));
        if (errors.Count > 0)
        {
            return Render(sectors, values, errors, prefill: false, StatusCodes.Status400BadRequest);
        }

        await subscriptions.SubscribeAsync(submitted.Email!, submitted.ToPreferences(), cancellationToken);
        return WebResult.Page(WebLayout.Render("Check your inbox", Html.Of(
            $"""
            <h1>Check your inbox</h1>
            <div class="notice" role="status"><p>{SubscriptionEndpoints.Accepted}</p></div>
            <p>The link in that email works once and expires in a few days. Digests start only after you confirm.</p>
            <p>Meanwhile, <a href="{WebLayout.ArchivePath}">browse the story archive</a>.</p>
            """), WebSection.Subscribe));
    }

    private static WebResult Render(
        IReadOnlyList<Topic> topics, SubscriptionFormValues values, Dictionary<string, string[]> errors, bool prefill, int status = StatusCodes.Status200OK)
    {
        var form = SubscriptionForm.Render(new(WebLayout.SubscribePath, "Subscribe", IncludeEmail: true, PrefillTimeZone: prefill, Html.Empty), values, errors, topics);
        var title = errors.Count > 0 ? "Error: " + Title : Title;
        return WebResult.Page(WebLayout.Render(title, Html.Of(
            $"""
            <h1>{Title}</h1>
            <p class="lead">A digest of news about Pakistan–Belarus relations from Pakistani, Belarusian and international outlets, grouped by sector.</p>
            {form}
            <p class="meta">You can change your choices or unsubscribe with one click from any digest.</p>
            """), WebSection.Subscribe, timeZoneScript: true), status);
    }
}
