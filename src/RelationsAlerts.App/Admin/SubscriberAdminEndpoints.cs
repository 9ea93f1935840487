using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Admin;

/// <summary>Subscribers for admins: paged list and exact-email search, details, GDPR erasure, counts, and digest previews.</summary>
public static class SubscriberAdminEndpoints
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapSubscriberAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/subscribers").WithTags("subscribers");
        group.MapGet("", ListAsync).WithName("ListSubscribers").WithSummary("Page through subscribers, or find one by exact email");
        group.MapGet("/counts", CountAsync).WithName("CountSubscribers").WithSummary("Subscribers by state, and active ones by sector");
        group.MapGet("/{id}", async Task<Results<Ok<SubscriberResponse>, NotFound>> (string id, ISubscriberStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } s ? TypedResults.Ok(SubscriberResponse.From(s)) : TypedResults.NotFound())
            .WithName("GetSubscriber");
        group.MapDelete("/{id}", EraseAsync).WithName("EraseSubscriber").WithSummary("Erase personal data; a suppression stays, as a hash only");
        app.MapPost("/digests/preview", PreviewAsync).WithTags("operations").WithName("PreviewDigest")
            .WithSummary("The digest a subscriber or a sector would get now (HTML and text); nothing is sent");
        return group;
    }

    private static async Task<Results<Ok<SubscriberPage>, ValidationProblem>> ListAsync(
        string? email, string? status, int? pageSize, string? continuationToken, ISubscriberStore store, CancellationToken cancellationToken)
    {
        if (email is not null)
        {
            var found = SubscriptionRequest.IsValidEmail(email) ? await store.GetAsync(SubscriberIds.FromEmail(email), cancellationToken) : null;
            return TypedResults.Ok(new SubscriberPage(found is null ? [] : [SubscriberResponse.From(found)], null));
        }

        SubscriberStatus? parsed = null;
        var errors = new Dictionary<string, string[]>();
        if (status is not null)
        {
            if (Enum.TryParse<SubscriberStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _))
            {
                parsed = s;
            }
            else
            {
                errors["status"] = ["status must be pending, active, unsubscribed or suppressed."];
            }
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be 1–{MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (page, next) = await store.ListPageAsync(parsed, pageSize ?? 50, continuationToken, cancellationToken);
        return TypedResults.Ok(new SubscriberPage([.. page.Select(SubscriberResponse.From)], next));
    }

    private static async Task<Ok<SubscriberCounts>> CountAsync(ISubscriberStore store, CancellationToken cancellationToken)
    {
        var byStatus = new Dictionary<string, int>(StringComparer.Ordinal);
        var bySector = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var status in Enum.GetValues<SubscriberStatus>())
        {
            var list = await store.ListByStatusAsync(status, cancellationToken);
            byStatus[status.ToString().ToLowerInvariant()] = list.Count;
            if (status == SubscriberStatus.Active)
            {
                foreach (var sector in list.SelectMany(s => s.Sectors))
                {
                    bySector[sector] = bySector.GetValueOrDefault(sector) + 1;
                }
            }
        }

        return TypedResults.Ok(new SubscriberCounts(byStatus, bySector));
    }

    private static async Task<Results<NoContent, NotFound>> EraseAsync(string id, ISubscriberStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<DigestPreviewResponse>, NotFound, ValidationProblem>> PreviewAsync(
        DigestPreviewRequest body, ISubscriberStore store, IItemStore items, ITopicStore topics, TimeProvider clock,
        IOptions<DigestOptions> options, CancellationToken cancellationToken)
    {
        var allTopics = await topics.ListAsync(cancellationToken);
        Subscriber? subscriber;
        if (body.SubscriberId is { Length: > 0 } id)
        {
            subscriber = await store.GetAsync(id, cancellationToken);
            if (subscriber is null)
            {
                return TypedResults.NotFound();
            }
        }
        else if (body.Sector is { Length: > 0 } sector && allTopics.Any(t => t.Id == sector))
        {
            subscriber = new Subscriber { Id = "preview", Email = "preview@example.invalid", Sectors = [sector] };
        }
        else
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["subscriberId"] = ["Give a subscriberId or a known sector."] });
        }

        var now = clock.GetUtcNow();
        var candidates = await items.ListSeenBetweenAsync(subscriber.LastDigestUntil ?? now - options.Value.FirstDigestLookback, now, cancellationToken);
        var digest = DigestBuilder.Build("preview", now, subscriber, candidates, allTopics);
        return TypedResults.Ok(new DigestPreviewResponse(DigestRenderer.Subject(digest), DigestRenderer.Html(digest), DigestRenderer.Text(digest), digest.ItemCount));
    }
}
