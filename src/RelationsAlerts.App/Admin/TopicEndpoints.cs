using Microsoft.AspNetCore.Http.HttpResults;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Admin;

/// <summary>
/// The sector taxonomy. Updates are optimistic: PUT needs the ETag from GET in <c>If-Match</c>. PollFeedsJob reads
/// the topics on every run, so an edit applies to items fetched from then on; stored items keep their sectors.
/// </summary>
public static class TopicEndpoints
{
    public static RouteGroupBuilder MapTopicEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/topics").WithTags("topics");
        group.MapGet("", async (ITopicStore topics, CancellationToken cancellationToken) =>
            TypedResults.Ok((await topics.ListAsync(cancellationToken)).Select(TopicResponse.From).ToList()))
            .WithName("ListTopics").WithSummary("List all topics");
        group.MapGet("/{id}", GetTopicAsync).WithName("GetTopic").WithSummary("Get one topic and its ETag")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateTopicAsync).WithName("CreateTopic").WithSummary("Create a topic")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}", UpdateTopicAsync).WithName("UpdateTopic").WithSummary("Replace a topic (If-Match required)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{id}", DeleteTopicAsync).WithName("DeleteTopic").WithSummary("Delete a topic")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Ok<TopicResponse>, ProblemHttpResult>> GetTopicAsync(
        string id, ITopicStore topics, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await topics.GetAsync(id, cancellationToken) is not { } topic)
        {
            return NotFound(id);
        }

        response.Headers.ETag = topic.ETag;
        return TypedResults.Ok(TopicResponse.From(topic));
    }

    private static async Task<Results<Created<TopicResponse>, ValidationProblem, ProblemHttpResult>> CreateTopicAsync(
        TopicRequest request, ITopicStore topics, HttpResponse response, CancellationToken cancellationToken)
    {
        if (TopicValidation.Validate(request, routeId: null) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await topics.TryAddAsync(request.ToTopic(request.Id!), cancellationToken) is not { } created)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: $"A topic with id '{request.Id}' exists already.");
        }

        response.Headers.ETag = created.ETag;
        return TypedResults.Created($"/api/admin/topics/{created.Id}", TopicResponse.From(created));
    }

    private static async Task<Results<Ok<TopicResponse>, ValidationProblem, ProblemHttpResult>> UpdateTopicAsync(
        string id, TopicRequest request, ITopicStore topics, HttpRequest httpRequest, HttpResponse response, CancellationToken cancellationToken)
    {
        var ifMatch = httpRequest.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                detail: "Send the ETag from GET /api/admin/topics/{id} in If-Match, so a concurrent edit is not overwritten.");
        }

        if (TopicValidation.Validate(request, id) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await topics.GetAsync(id, cancellationToken) is not { } current)
        {
            return NotFound(id);
        }

        // Compared here, not only by storage, so a malformed If-Match is a 412 rather than a storage error.
        var matches = ifMatch.Split(',', StringSplitOptions.TrimEntries).Any(tag => tag == "*" || tag == current.ETag);
        if (!matches || await topics.TryUpdateAsync(request.ToTopic(id, current.ETag), cancellationToken) is not { } updated)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed,
                detail: "The topic changed since it was read; GET it again and reapply the edit.");
        }

        response.Headers.ETag = updated.ETag;
        return TypedResults.Ok(TopicResponse.From(updated));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTopicAsync(string id, ITopicStore topics, CancellationToken cancellationToken) =>
        await topics.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no topic '{id}'.");
}
