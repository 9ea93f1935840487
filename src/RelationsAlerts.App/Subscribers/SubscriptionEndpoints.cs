using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RelationsAlerts.App.Web;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Subscribers;

/// <summary>
/// Public subscriber endpoints under <c>/api/</c> (HTTP functions under the Functions host). Sign-up always answers
/// 202 with the same message; GET on an emailed link only shows a page with a button, because mail scanners follow
/// links; the state changes on POST.
/// </summary>
public static class SubscriptionEndpoints
{
    public const string RateLimitPolicy = "public";
    internal const string Accepted = "If the address can receive our email, a confirmation link is on its way. Check your inbox.";

    public static IEndpointRouteBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("subscriptions").RequireRateLimiting(RateLimitPolicy);
        api.MapPost("/subscriptions", SubscribeAsync);
        api.MapGet("/subscriptions/confirm", (string? token) =>
            SubscriptionPage.Render("Confirm your subscription", "Press the button to start receiving digests.", "/api/subscriptions/confirm", token, "Confirm"));
        api.MapPost("/subscriptions/confirm", ConfirmAsync).DisableAntiforgery();
        api.MapGet("/subscriptions/manage", GetPreferencesAsync);
        api.MapPut("/subscriptions/manage", UpdatePreferencesAsync);
        api.MapGet("/u/{token}", (string token) =>
            SubscriptionPage.Render("Unsubscribe", "Press the button to stop all RelationsAlerts digests.", $"/api/u/{Uri.EscapeDataString(token)}", token, "Unsubscribe"));
        api.MapPost("/u/{token}", UnsubscribeAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Accepted<MessageResponse>, ValidationProblem>> SubscribeAsync(
        SubscribeRequest body, SubscriptionService subscriptions, ITopicStore topics, CancellationToken cancellationToken)
    {
        var request = body.ToCore();
        var sectorIds = (await topics.ListAsync(cancellationToken)).Where(t => t.Enabled).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var errors = request.Validate(sectorIds);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await subscriptions.SubscribeAsync(request.Email!, request.ToPreferences(), cancellationToken);
        return TypedResults.Accepted((string?)null, new MessageResponse(Accepted));
    }

    private static async Task<IResult> ConfirmAsync(HttpRequest request, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        var token = await ReadTokenAsync(request, cancellationToken);
        var outcome = await subscriptions.ConfirmAsync(token, cancellationToken);
        return request.HasFormContentType
            ? SubscriptionPage.Render(outcome.Succeeded ? "Subscription confirmed" : "Link not valid", outcome.Succeeded ? outcome.Message : Capitalise(outcome.Message) + ".", status: outcome.Succeeded ? 200 : 400)
            : outcome.Succeeded ? TypedResults.Ok(new MessageResponse(outcome.Message)) : TypedResults.Problem(outcome.Message, statusCode: 400);
    }

    private static async Task<IResult> UnsubscribeAsync(string token, HttpRequest request, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        // RFC 8058: the mailbox provider POSTs "List-Unsubscribe=One-Click" with no cookies; answer directly, never redirect.
        var outcome = await subscriptions.UnsubscribeAsync(token, cancellationToken);
        if (request.HasFormContentType && !(await request.ReadFormAsync(cancellationToken)).ContainsKey("List-Unsubscribe"))
        {
            return SubscriptionPage.Render(outcome.Succeeded ? "Unsubscribed" : "Link not valid", outcome.Succeeded ? outcome.Message : Capitalise(outcome.Message) + ".", status: outcome.Succeeded ? 200 : 400);
        }

        return outcome.Succeeded ? TypedResults.Ok(new MessageResponse(outcome.Message)) : TypedResults.Problem(outcome.Message, statusCode: 400);
    }

    private static async Task<Results<Ok<PreferencesResponse>, ProblemHttpResult, WebResult>> GetPreferencesAsync(
        string? token, HttpRequest request, SubscriptionService subscriptions, ITopicStore topics, SubscriberLinks links, CancellationToken cancellationToken)
    {
        if (PreferencesPage.WantsHtml(request))
        {
            return await PreferencesPage.GetAsync(token, subscriptions, topics, links, cancellationToken);
        }

        var outcome = await subscriptions.GetForManageAsync(token, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(PreferencesResponse.From(outcome.Subscriber!)) : TypedResults.Problem(outcome.Message, statusCode: 400);
    }

    private static async Task<Results<Ok<PreferencesResponse>, ValidationProblem, ProblemHttpResult>> UpdatePreferencesAsync(
        [FromQuery] string? token, SubscribeRequest body, SubscriptionService subscriptions, ITopicStore topics, CancellationToken cancellationToken)
    {
        var request = body.ToCore();
        var sectorIds = (await topics.ListAsync(cancellationToken)).Where(t => t.Enabled).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var errors = request.Validate(sectorIds, requireEmail: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await subscriptions.UpdatePreferencesAsync(token, request.ToPreferences(), cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(PreferencesResponse.From(outcome.Subscriber!)) : TypedResults.Problem(outcome.Message, statusCode: 400);
    }

    private static async Task<string?> ReadTokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            return (await request.ReadFormAsync(cancellationToken))["token"].ToString();
        }

        return request.HasJsonContentType() ? (await request.ReadFromJsonAsync<TokenRequest>(cancellationToken))?.Token : request.Query["token"].ToString();
    }

    private static string Capitalise(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];
}
