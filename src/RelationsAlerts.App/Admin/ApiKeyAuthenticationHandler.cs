using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RelationsAlerts.App.Admin;

/// <summary>
/// Authenticates admin requests by the <c>X-Api-Key</c> header. Keys are compared as SHA-256 hashes with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the key length nor the first differing byte shows in the timing.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptionsMonitor<AdminOptions> adminOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "AdminApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var values = Request.Headers[HeaderName];
        if (values.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count > 1 || !Matches(values[0] ?? ""))
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Log.Rejected(Logger, result.Failure is null ? "no API key" : "invalid API key", Request.Path);
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
        var detail = $"Send a valid admin API key in the {HeaderName} header.";
        if (adminOptions.CurrentValue.Jwt.Enabled)
        {
            // Bearer tokens are accepted too (Admin:Jwt): name both ways in, as two challenges.
            Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, "Bearer");
            detail = $"Send a valid admin API key in the {HeaderName} header or an Entra ID access token as Authorization: Bearer.";
        }

        await TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: detail).ExecuteAsync(Context);
    }

    private bool Matches(string presented)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in adminOptions.CurrentValue.UsableKeys)
        {
            // No early exit: every configured key is compared, so timing does not tell which one (if any) matched.
            match |= CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return match;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Admin API request to {Path} rejected: {Reason}")]
        public static partial void Rejected(ILogger logger, string reason, PathString path);
    }
}
