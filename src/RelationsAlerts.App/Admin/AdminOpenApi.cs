using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RelationsAlerts.App.Admin;

/// <summary>Describes the <c>X-Api-Key</c> scheme and marks the admin operations as needing it.</summary>
internal static class AdminOpenApi
{
    private const string SchemeId = "ApiKey";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "RelationsAlerts API";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An admin API key (Admin:ApiKeys).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath?.StartsWith(AdminApi.Prefix.TrimStart('/'), StringComparison.Ordinal) == true)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
            }

            return Task.CompletedTask;
        });
    }
}
