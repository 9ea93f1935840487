using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace RelationsAlerts.App.Admin;

/// <summary>
/// Describes the <c>X-Api-Key</c> scheme (and the bearer scheme when <c>Admin:Jwt</c> is configured) and marks the admin
/// operations as needing one of them.
/// </summary>
internal static class AdminOpenApi
{
    public const string ApiKeySchemeId = "ApiKey";
    public const string BearerSchemeId = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Title = "RelationsAlerts API";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeySchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An admin API key (Admin:ApiKeys).",
            };
            if (Bearer(context.ApplicationServices) is { } jwt)
            {
                document.Components.SecuritySchemes[BearerSchemeId] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = BearerDescription(jwt),
                };
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath?.StartsWith(AdminApi.Prefix.TrimStart('/'), StringComparison.Ordinal) == true)
            {
                // Each entry is an alternative: the API key, or (when enabled) a bearer token.
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeySchemeId, context.Document)] = [] });
                if (Bearer(context.ApplicationServices) is not null)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSchemeId, context.Document)] = [] });
                }
            }

            return Task.CompletedTask;
        });
    }

    private static AdminJwtOptions? Bearer(IServiceProvider services)
    {
        var admin = services.GetRequiredService<IOptions<AdminOptions>>().Value;
        return admin.Enabled && admin.Jwt.Enabled ? admin.Jwt : null;
    }

    private static string BearerDescription(AdminJwtOptions jwt)
    {
        var roles = string.Join(", ", jwt.UsableRoles);
        var scopes = string.Join(", ", jwt.UsableScopes);
        var needs = (roles.Length, scopes.Length) switch
        {
            (0, 0) => "",
            (_, 0) => $" It must carry one of the app roles {roles}.",
            (0, _) => $" It must carry one of the scopes {scopes}.",
            _ => $" It must carry one of the app roles {roles} or one of the scopes {scopes}.",
        };
        return $"A Microsoft Entra ID access token for {jwt.Audience} (Admin:Jwt).{needs}";
    }
}
