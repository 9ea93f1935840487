using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace RelationsAlerts.App.Web;

/// <summary>
/// A public web response: the security headers every page carries, then either <c>no-store</c> (forms, pages opened
/// from signed links) or a short public cache with a strong ETag answered with 304 on <c>If-None-Match</c>.
/// </summary>
internal sealed class WebResult(string body, string contentType, int statusCode = StatusCodes.Status200OK, bool cacheable = false) : IResult
{
    // No inline script or style anywhere: the only script is the same-origin time-zone helper.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static TimeSpan MaxAge { get; } = TimeSpan.FromMinutes(5);

    public static WebResult Page(Html html, int statusCode = StatusCodes.Status200OK, bool cacheable = false) =>
        new(html.Value, "text/html; charset=utf-8", statusCode, cacheable);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        ApplySecurityHeaders(response.Headers);
        var bytes = Encoding.UTF8.GetBytes(body);
        if (cacheable && statusCode == StatusCodes.Status200OK)
        {
            var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16)) + "\"");
            response.Headers.ETag = etag.ToString();
            response.Headers.CacheControl = $"public, max-age={(int)MaxAge.TotalSeconds}";
            if (httpContext.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        else
        {
            response.Headers.CacheControl = "no-store";
        }

        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    public static void ApplySecurityHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Manage and unsubscribe URLs carry tokens: never send them on to outlets' sites.
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
    }
}
