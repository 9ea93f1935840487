using Scalar.AspNetCore;

namespace RelationsAlerts.App.Admin;

/// <summary>
/// The interactive API reference at <c>/api/docs/</c> (Scalar), rendering <c>/api/openapi.json</c>. Public like the document
/// itself: it holds no data, and "try it" calls need the admin key (or token) typed into the page. Its script is embedded
/// in the Scalar.AspNetCore package and served from <c>/api/docs/scalar.js</c>; no CDN, fonts, telemetry, agent, proxy or
/// cloud tools. Under the Functions host the ApiDocs function (<c>docs/{*rest}</c>) forwards these requests.
/// </summary>
internal static class ApiReference
{
    public const string Path = "/api/docs";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, options => options
                .WithTitle("RelationsAlerts API reference")
                .WithOpenApiRoutePattern(AdminApi.OpenApiPath)
                .WithNonce()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools() // its Share / Generate SDK buttons upload the document to Scalar's cloud
                .AddPreferredSecuritySchemes([AdminOpenApi.ApiKeySchemeId]))
            .AddEndpointFilter((context, next) =>
            {
                // The nonce is made while the page renders, so the policy is written just before the headers go out.
                var http = context.HttpContext;
                http.Response.OnStarting(() =>
                {
                    ApplySecurityHeaders(http);
                    return Task.CompletedTask;
                });
                return next(context);
            });
        return app;
    }

    /// <summary>
    /// Stricter than a browser default, looser than the public pages (<c>Web/WebResult.cs</c>) only where Scalar needs it:
    /// its three script tags carry a per-request nonce, and its UI injects style elements and attributes at run time.
    /// <c>connect-src 'self'</c> confines the document fetch and "try it" calls to this app.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

    private static void ApplySecurityHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        // Without a nonce (a redirect or an error) no script may run at all.
        var nonce = context.Items[ScalarOptions.NonceHttpContextItemKey] as string;
        headers.ContentSecurityPolicy = nonce is null ? "default-src 'none'; frame-ancestors 'none'" : ContentSecurityPolicy(nonce);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
