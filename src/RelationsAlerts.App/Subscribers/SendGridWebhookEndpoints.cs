using System.Text.Json;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Subscribers;

/// <summary>
/// SendGrid Event Webhook: verify the signature over the raw bytes, then suppress addresses on permanent bounces,
/// drops for bounced/spam/unsubscribed/invalid addresses, spam reports and unsubscribes. Applying the same event twice
/// changes nothing, so SendGrid's duplicate deliveries are harmless.
/// </summary>
public static partial class SendGridWebhookEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapSendGridWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webhooks/sendgrid", HandleAsync).WithTags("webhooks").DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request, SubscriptionService subscriptions, IOptions<WebhookOptions> options, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes)
        {
            return TypedResults.Problem("Payload too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var body = buffer.ToArray();
        if (options.Value.SendGridPublicKey is not { Length: > 0 } key
            || !SendGridSignature.Verify(key, request.Headers["X-Twilio-Email-Event-Webhook-Signature"], request.Headers["X-Twilio-Email-Event-Webhook-Timestamp"], body, clock.GetUtcNow(), options.Value.MaxAge))
        {
            return TypedResults.Problem("The webhook signature is missing, stale or not valid.", statusCode: StatusCodes.Status401Unauthorized);
        }

        List<SendGridEvent> events;
        try
        {
            events = JsonSerializer.Deserialize<List<SendGridEvent>>(body, JsonSerializerOptions.Web) ?? [];
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The body is not a JSON array of events.", statusCode: StatusCodes.Status400BadRequest);
        }

        var suppressed = 0;
        foreach (var e in events.Where(e => e.Suppresses && SubscriptionRequest.IsValidEmail(e.Email)))
        {
            await subscriptions.SuppressAsync(e.Email!, e.Event!, cancellationToken);
            suppressed++;
        }

        var logger = loggers.CreateLogger(typeof(SendGridWebhookEndpoints));
        Log.Received(logger, events.Count, suppressed);
        return TypedResults.Ok(new { received = events.Count, suppressed });
    }

    private sealed record SendGridEvent(string? Email, string? Event, string? Type, string? Reason)
    {
        public bool Suppresses => Event?.ToUpperInvariant() switch
        {
            "BOUNCE" => !string.Equals(Type, "blocked", StringComparison.OrdinalIgnoreCase),
            "DROPPED" => Reason is not null && (Reason.Contains("Bounce", StringComparison.OrdinalIgnoreCase)
                || Reason.Contains("Spam", StringComparison.OrdinalIgnoreCase)
                || Reason.Contains("Unsubscribe", StringComparison.OrdinalIgnoreCase)
                || Reason.Contains("Invalid", StringComparison.OrdinalIgnoreCase)),
            "SPAMREPORT" or "UNSUBSCRIBE" or "GROUP_UNSUBSCRIBE" => true,
            _ => false,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "SendGrid webhook: {Events} events, {Suppressed} suppressions")]
        public static partial void Received(ILogger logger, int events, int suppressed);
    }
}
