using Microsoft.AspNetCore.Http.HttpResults;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.App.Admin;

/// <summary>
/// Feeds and their health. A paused feed is skipped by scheduled polls but can still be polled here on demand.
/// Feeds listed in <c>Feeds:Sources</c> are registered again at start-up, so deleting one of those lasts until the next start.
/// </summary>
public static class FeedEndpoints
{
    private const int MaxName = 100;

    public static RouteGroupBuilder MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/feeds").WithTags("feeds");
        group.MapGet("", async (IFeedStore feeds, CancellationToken cancellationToken) =>
            TypedResults.Ok((await feeds.ListAsync(cancellationToken)).OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Select(FeedResponse.From).ToList()))
            .WithName("ListFeeds").WithSummary("List feeds with their health");
        group.MapGet("/{id}", async Task<Results<Ok<FeedResponse>, ProblemHttpResult>> (string id, IFeedStore feeds, CancellationToken cancellationToken) =>
            await feeds.GetAsync(id, cancellationToken) is { } feed ? TypedResults.Ok(FeedResponse.From(feed)) : NotFound(id))
            .WithName("GetFeed").WithSummary("Get one feed with its health")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", AddFeedAsync).WithName("AddFeed").WithSummary("Add a feed")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}", UpdateFeedAsync).WithName("UpdateFeed").WithSummary("Change a feed's name, URL or type")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/pause", (string id, IFeedStore feeds, CancellationToken cancellationToken) => SetPausedAsync(id, true, feeds, cancellationToken))
            .WithName("PauseFeed").WithSummary("Pause a feed: scheduled polls skip it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/resume", (string id, IFeedStore feeds, CancellationToken cancellationToken) => SetPausedAsync(id, false, feeds, cancellationToken))
            .WithName("ResumeFeed").WithSummary("Resume a paused feed")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, IFeedStore feeds, CancellationToken cancellationToken) =>
            await feeds.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound(id))
            .WithName("DeleteFeed").WithSummary("Delete a feed (stored items stay)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/poll", PollFeedAsync).WithName("PollFeed").WithSummary("Poll one feed now and report what it found")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Created<FeedResponse>, ValidationProblem, ProblemHttpResult>> AddFeedAsync(
        FeedRequest request, FeedUrlGuard guard, IFeedStore feeds, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(request, guard, urlRequired: true, cancellationToken) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var url = new Uri(request.Url!);
        var feed = new FeedSource(FeedIds.FromUrl(url), url, Name(request.Name, url), FeedState.Initial) { Type = Type(request.Type, FeedType.Rss) };
        if (await UrlTakenAsync(feeds, url, feed.Id, cancellationToken) || !await feeds.TryAddAsync(feed, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: $"A feed for {url.AbsoluteUri} exists already.");
        }

        return TypedResults.Created($"/api/admin/feeds/{feed.Id}", FeedResponse.From(feed));
    }

    private static async Task<Results<Ok<FeedResponse>, ValidationProblem, ProblemHttpResult>> UpdateFeedAsync(
        string id, FeedRequest request, FeedUrlGuard guard, IFeedStore feeds, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(request, guard, urlRequired: false, cancellationToken) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await feeds.GetAsync(id, cancellationToken) is not { } feed)
        {
            return NotFound(id);
        }

        var url = request.Url is null ? feed.Url : new Uri(request.Url);
        if (url != feed.Url)
        {
            if (await UrlTakenAsync(feeds, url, id, cancellationToken))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: $"Another feed polls {url.AbsoluteUri} already.");
            }

            // Validators, failures and schedule belong to the old URL; the new one starts fresh and is polled next run.
            feed = feed with { Url = url, State = FeedState.Initial };
        }

        feed = feed with { Name = request.Name is null ? feed.Name : Name(request.Name, url), Type = Type(request.Type, feed.Type) };
        await feeds.SaveAsync(feed, cancellationToken);
        return TypedResults.Ok(FeedResponse.From(feed));
    }

    private static async Task<Results<Ok<FeedResponse>, ProblemHttpResult>> SetPausedAsync(string id, bool paused, IFeedStore feeds, CancellationToken cancellationToken)
    {
        if (await feeds.GetAsync(id, cancellationToken) is not { } feed)
        {
            return NotFound(id);
        }

        feed = feed with { Paused = paused };
        await feeds.SaveAsync(feed, cancellationToken);
        return TypedResults.Ok(FeedResponse.From(feed));
    }

    /// <summary>
    /// Runs the same refresh as a scheduled poll: new items are stored and instant subscribers' digests queued, as a
    /// scheduled poll does (daily and weekly digests go out at their time and include these items).
    /// </summary>
    private static async Task<Results<Ok<FeedPollResponse>, ProblemHttpResult>> PollFeedAsync(
        string id, IFeedStore feeds, ITopicStore topics, FeedRefresher refresher, DigestJobQueuer digestJobs, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await feeds.GetAsync(id, cancellationToken) is not { } feed)
        {
            return NotFound(id);
        }

        var tagger = new SectorTagger(await topics.ListAsync(cancellationToken));
        var result = await refresher.RefreshAsync(feed, tagger, cancellationToken);
        await digestJobs.QueueForNewItemsAsync(result.NewSectors, clock.GetUtcNow(), cancellationToken: cancellationToken);
        return TypedResults.Ok(FeedPollResponse.From(result));
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(FeedRequest request, FeedUrlGuard guard, bool urlRequired, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if ((urlRequired || request.Url is not null) && await guard.CheckAsync(request.Url, cancellationToken) is { } urlError)
        {
            errors["url"] = [urlError];
        }

        if (request.Name is not null && request.Name.Trim().Length is 0 or > MaxName)
        {
            errors["name"] = [$"name must be 1–{MaxName} characters (or left out)."];
        }

        if (request.Type is not null && !FeedTypes.TryParse(request.Type, out _))
        {
            errors["type"] = [$"type must be one of: {string.Join(", ", FeedTypes.Names)}."];
        }

        return errors;
    }

    private static async Task<bool> UrlTakenAsync(IFeedStore feeds, Uri url, string exceptId, CancellationToken cancellationToken) =>
        (await feeds.ListAsync(cancellationToken)).Any(f => f.Id != exceptId && f.Url == url);

    private static string Name(string? name, Uri url) => string.IsNullOrWhiteSpace(name) ? url.Host : name.Trim();

    private static FeedType Type(string? name, FeedType fallback) => FeedTypes.TryParse(name, out var type) ? type : fallback;

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no feed '{id}'.");
}
