using System.Security.Cryptography;
using System.Threading.RateLimiting;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Subscribers;

/// <summary>Registers and maps the public subscriber endpoints, signed links and the SendGrid webhook.</summary>
public static class SubscriberFeatures
{
    public static IServiceCollection AddSubscriberFeatures(this IServiceCollection services, IConfiguration configuration, HostingMode mode)
    {
        services.AddOptions<SignedLinkOptions>().BindConfiguration(SignedLinkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o =>
            {
                // run --once writes links into local .eml files only; a per-run key keeps it working without a secret.
                if (mode == HostingMode.RunOnce && string.IsNullOrEmpty(o.SigningKey))
                {
                    o.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                }
            })
            .Validate(o => !string.IsNullOrEmpty(o.SigningKey), "Links:SigningKey (32+ characters, from Key Vault in Azure) is required to sign subscriber links.")
            .Validate(
                o => !KeyVaultReference.IsUnresolved(o.SigningKey) && !o.RetiredKeys.Values.Any(KeyVaultReference.IsUnresolved),
                "Links:SigningKey or a retired key is an unresolved Key Vault reference; create the secret and grant access.");
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName);
        var permits = configuration.GetValue("RateLimits:PublicPermitsPerMinute", 30);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SubscriptionEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static WebApplication MapSubscriberFeatures(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapSubscriptionEndpoints();
        app.MapSendGridWebhook();
        return app;
    }
}
