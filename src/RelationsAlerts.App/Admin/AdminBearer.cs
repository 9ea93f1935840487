using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace RelationsAlerts.App.Admin;

/// <summary>
/// Microsoft Entra ID access tokens (<c>Authorization: Bearer</c>) on the admin API, registered only when
/// <c>Admin:Jwt:Authority</c> is set. A policy scheme picks one handler per request: <c>X-Api-Key</c> when that header is
/// present (so API-key clients behave exactly as before), the JWT handler when a bearer token is sent, else the API-key
/// handler's challenge. Keys and metadata come from the authority's OpenID Connect discovery document.
/// </summary>
internal static partial class AdminBearer
{
    public const string SchemeName = "AdminBearer";
    public const string SelectorSchemeName = "AdminApiKeyOrBearer";

    /// <summary>True when the configuration turns bearer tokens on (read at registration: schemes cannot be added later).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        configuration.GetValue($"{AdminOptions.SectionName}:Enabled", true)
        && !string.IsNullOrWhiteSpace(configuration[$"{AdminJwtOptions.SectionName}:Authority"]);

    public static void Add(IServiceCollection services, AuthenticationBuilder authentication)
    {
        authentication.AddJwtBearer(SchemeName, _ => { });
        authentication.AddPolicyScheme(SelectorSchemeName, "X-Api-Key or bearer token", o => o.ForwardDefaultSelector = Select);
        services.AddOptions<JwtBearerOptions>(SchemeName).Configure<IOptions<AdminOptions>>((o, admin) => Configure(o, admin.Value.Jwt));
        services.AddSingleton<IAuthorizationHandler, AdminAccessHandler>();
    }

    private static string Select(HttpContext context)
    {
        var request = context.Request;
        var bearer = request.Headers.Authorization.ToString().StartsWith(JwtBearerDefaults.AuthenticationScheme + " ", StringComparison.OrdinalIgnoreCase);
        return bearer && !request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? SchemeName : ApiKeyAuthenticationHandler.SchemeName;
    }

    private static void Configure(JwtBearerOptions options, AdminJwtOptions jwt)
    {
        options.Authority = jwt.Authority;
        options.Audience = jwt.Audience;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        // Keep Entra's claim names ("roles", "scp", "name") instead of the legacy WS-Federation URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.AuthenticationType = SchemeName;
        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.RoleClaimType = AdminAccessRequirement.RolesClaim;
        options.Events = new JwtBearerEvents { OnChallenge = ChallengeAsync, OnForbidden = ForbiddenAsync };
    }

    /// <summary>A rejected or missing token gets the same problem document as a bad API key, with a standard Bearer challenge.</summary>
    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var reason = Printable(context.ErrorDescription ?? context.AuthenticateFailure?.GetType().Name ?? "no token");
        Log.Rejected(Logger(context.HttpContext), reason, context.Request.Path);
        var challenge = new StringBuilder(JwtBearerDefaults.AuthenticationScheme);
        if (context.Error is not null)
        {
            challenge.Append(" error=\"").Append(Printable(context.Error)).Append('"');
            challenge.Append(", error_description=\"").Append(reason).Append('"');
        }

        context.Response.Headers.Append(HeaderNames.WWWAuthenticate, challenge.ToString());
        await TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: "The bearer token was not accepted (signature, issuer, audience or lifetime); send a valid Entra ID access token or an admin API key.")
            .ExecuteAsync(context.HttpContext);
    }

    private static async Task ForbiddenAsync(ForbiddenContext context)
    {
        Log.Forbidden(Logger(context.HttpContext), context.Request.Path);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            detail: "The bearer token is valid but carries none of the required app roles or scopes (Admin:Jwt:RequiredRoles, Admin:Jwt:RequiredScopes).")
            .ExecuteAsync(context.HttpContext);
    }

    /// <summary>Error descriptions can quote token contents (e.g. the audience): keep header-safe ASCII only, without quotes.</summary>
    private static string Printable(string text)
    {
        var kept = text.Where(c => c is >= ' ' and <= '~' and not '"' and not '\\').Take(200).ToArray();
        return new string(kept);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminBearer).FullName!);

    private static partial class Log
    {
        [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Admin API bearer token for {Path} rejected: {Reason}")]
        public static partial void Rejected(ILogger logger, string reason, PathString path);

        [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Admin API bearer token for {Path} lacks a required role or scope")]
        public static partial void Forbidden(ILogger logger, PathString path);
    }
}
