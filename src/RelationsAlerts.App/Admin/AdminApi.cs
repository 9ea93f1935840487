using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.App.Admin;

/// <summary>
/// The admin API under <c>/api/admin</c> (topics, feeds, operations) and the OpenAPI document at <c>/api/openapi.json</c>.
/// Every admin endpoint needs an <c>X-Api-Key</c>; every error is <c>application/problem+json</c>.
/// </summary>
public static class AdminApi
{
    public const string Prefix = "/api/admin";
    public const string Policy = "AdminApi";
    public const string OpenApiPath = "/api/openapi.json";

    /// <summary>Admin requests are small JSON documents; anything bigger is a mistake or an attack.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static IServiceCollection AddAdminApi(this IServiceCollection services, HostingMode mode)
    {
        var options = services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        if (mode != HostingMode.RunOnce)
        {
            // `run --once` serves no admin requests (its port is loopback and short-lived), so it needs no key.
            options.ValidateDataAnnotations().ValidateOnStart();
        }

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.TryAddSingleton<HostResolver>((host, cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken));
        services.AddSingleton<FeedUrlGuard>();
        services.AddOpenApi(AdminOpenApi.Configure);
        return services;
    }

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(OpenApiPath);
        if (!app.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value.Enabled)
        {
            return app;
        }

        var admin = app.MapGroup(Prefix)
            .RequireAuthorization(Policy)
            .WithMetadata(new BodySizeLimit(MaxRequestBodyBytes))
            .AddEndpointFilter(EnsureStorageAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        admin.MapTopicEndpoints();
        admin.MapFeedEndpoints();
        admin.MapOperationsEndpoints();
        admin.MapSubscriberAdminEndpoints();
        return app;
    }

    /// <summary>Under the Functions host nothing may have run yet: create tables and seed the topics before the first admin call.</summary>
    private static async ValueTask<object?> EnsureStorageAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var cancellationToken = context.HttpContext.RequestAborted;
        await services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(cancellationToken);
        await services.GetRequiredService<ITopicStore>().SeedAsync(DefaultTopics.All, cancellationToken);
        return await next(context);
    }

    /// <summary>Read by endpoint routing, which lowers Kestrel's body limit for the matched endpoint.</summary>
    private sealed class BodySizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = bytes;
    }
}
