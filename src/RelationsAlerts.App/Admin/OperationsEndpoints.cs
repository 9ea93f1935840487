using Microsoft.AspNetCore.Http.HttpResults;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Admin;

/// <summary>Running the poll by hand and the numbers an admin checks first.</summary>
public static class OperationsEndpoints
{
    public const int DefaultStatsDays = 7;
    public const int MaxStatsDays = 90;

    public static RouteGroupBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("operations");
        group.MapPost("/poll", async (PollFeedsJob job, CancellationToken cancellationToken) =>
            TypedResults.Ok(PollResponse.From(await job.RunAsync(cancellationToken: cancellationToken))))
            .WithName("PollAllFeeds").WithSummary("Run PollFeeds now (every due feed) and return its summary");
        group.MapGet("/stats", GetStatsAsync).WithName("GetStats").WithSummary("Items per sector per day, and feed health counts");
        return group;
    }

    private static async Task<Results<Ok<StatsResponse>, ValidationProblem>> GetStatsAsync(
        int? days, IItemStore items, IFeedStore feeds, TimeProvider clock, CancellationToken cancellationToken)
    {
        var count = days ?? DefaultStatsDays;
        if (count is < 1 or > MaxStatsDays)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"days must be 1–{MaxStatsDays}."] });
        }

        var now = clock.GetUtcNow();
        var first = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - count);
        // The store's lower bound is exclusive; one tick earlier keeps items seen exactly at midnight.
        var seen = await items.ListSeenBetweenAsync(first.AddTicks(-1), now, cancellationToken);
        var byDay = seen.ToLookup(i => DateOnly.FromDateTime(i.FirstSeenAt.UtcDateTime));
        var perDay = Enumerable.Range(0, count).Select(d => DateOnly.FromDateTime(first.UtcDateTime.AddDays(d))).Select(date => new DayStats(
            date,
            byDay[date].Count(),
            byDay[date].SelectMany(i => i.Sectors).GroupBy(s => s, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count())));

        var all = await feeds.ListAsync(cancellationToken);
        var health = all.Select(FeedTypes.Health).ToList();
        var counts = new FeedHealthCounts(all.Count, health.Count(h => h == FeedTypes.Ok), health.Count(h => h == FeedTypes.Failing), health.Count(h => h == FeedTypes.Paused));
        return TypedResults.Ok(new StatsResponse(DateOnly.FromDateTime(first.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime), [.. perDay], counts));
    }
}
