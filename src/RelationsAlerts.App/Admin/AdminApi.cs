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
/// The admin API under <c>/api/admin</c> (topics, feeds, operations), the OpenAPI document at <c>/api/openapi.json</c> and its
/// reference page at <c>/api/docs/</c>. Every admin endpoint needs an <c>X-Api-Key</c> (or, with <c>Admin:Jwt</c> configured, an
/// Entra ID bearer token); every error is <c>application/problem+json</c>.
/// </summary>
public static class AdminApi
{
    public const string Prefix = "/api/admin";
    public const string Policy = "AdminApi";
    public const string OpenApiPath = "/api/openapi.json";

    /// <summary>The document's name; <see cref="OpenApiPath"/> has no <c>{documentName}</c>, so requests get this (the framework's default).</summary>
    public const string OpenApiDocumentName = "v1";

    /// <summary>Admin requests are small JSON documents; anything bigger is a mistake or an attack.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration, HostingMode mode)
    {
        var options = services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        if (mode != HostingMode.RunOnce)
        {
            // `run --once` serves no admin requests (its port is loopback and short-lived), so it needs no key.
            options.ValidateDataAnnotations().ValidateOnStart();
        }

        var authentication = services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (AdminBearer.IsConfigured(configuration))
        {
            // Admin:Jwt:Authority set: X-Api-Key or an Entra ID bearer token (Admin/AdminBearer.cs).
            AdminBearer.Add(services, authentication);
            services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(AdminBearer.SelectorSchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(new AdminAccessRequirement()));
        }
        else
        {
            services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        }

        services.TryAddSingleton<HostResolver>((host, cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken));
        services.AddSingleton<FeedUrlGuard>();
        services.AddOpenApi(OpenApiDocumentName, AdminOpenApi.Configure);
        return services;
    }

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(OpenApiPath);
        app.MapApiReference(); // /api/docs/: the interactive reference of that document (Admin/ApiReference.cs)
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
