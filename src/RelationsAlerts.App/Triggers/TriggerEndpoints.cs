using System.Text.Json;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Triggers;

/// <summary>
/// The custom-handler protocol: <c>GET /</c> for readiness, <c>POST /{FunctionName}</c> per trigger.
/// Success is a 200 with <c>{Outputs, Logs, ReturnValue}</c>; a failure is a 500 (still JSON) so the host retries
/// the invocation and, for queue messages, poisons it after <c>maxDequeueCount</c>.
/// </summary>
public static partial class TriggerEndpoints
{
    public static IEndpointRouteBuilder MapTriggerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Text("RelationsAlerts handler ready", "text/plain"))
            .ExcludeFromDescription();
        app.MapPost("/PollFeeds", PollFeedsAsync).ExcludeFromDescription();
        app.MapPost("/SendDigest", SendDigestAsync).ExcludeFromDescription();
        app.MapPost("/ScheduleDigests", ScheduleDigestsAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> PollFeedsAsync(AppInitializer initializer, PollFeedsJob job, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            await initializer.EnsureInitializedAsync(cancellationToken);
            var summary = await job.RunAsync(cancellationToken: cancellationToken);
            return TypedResults.Json(InvocationResult.Of("PollFeeds: " + summary));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.InvocationFailed(loggers.CreateLogger(typeof(TriggerEndpoints)), "PollFeeds", ex);
            return TypedResults.Json(InvocationResult.Of("PollFeeds failed: " + ex.Message), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static async Task<IResult> ScheduleDigestsAsync(AppInitializer initializer, ScheduleDigestsJob job, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            await initializer.EnsureInitializedAsync(cancellationToken);
            var summary = await job.RunAsync(cancellationToken);
            return TypedResults.Json(InvocationResult.Of("ScheduleDigests: " + summary));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.InvocationFailed(loggers.CreateLogger(typeof(TriggerEndpoints)), "ScheduleDigests", ex);
            return TypedResults.Json(InvocationResult.Of("ScheduleDigests failed: " + ex.Message), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static async Task<IResult> SendDigestAsync(HttpRequest request, AppInitializer initializer, SendDigestJob job, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TriggerEndpoints));
        JsonDocument invocation;
        try
        {
            invocation = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return TypedResults.Json(InvocationResult.Of("SendDigest: invocation body is not JSON: " + ex.Message), statusCode: StatusCodes.Status400BadRequest);
        }

        using (invocation)
        {
            var body = InvocationPayload.MessageBytes(invocation.RootElement, "msg") ?? [];
            try
            {
                await initializer.EnsureInitializedAsync(cancellationToken);
                var outcome = await job.HandleAsync(body, cancellationToken);
                return TypedResults.Json(InvocationResult.Of($"SendDigest (attempt {InvocationPayload.DequeueCount(invocation.RootElement)}): {outcome}"));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.InvocationFailed(logger, "SendDigest", ex);
                return TypedResults.Json(InvocationResult.Of("SendDigest failed: " + ex.Message), statusCode: StatusCodes.Status500InternalServerError);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "{Function} invocation failed; the host will retry")]
        public static partial void InvocationFailed(ILogger logger, string function, Exception exception);
    }
}
