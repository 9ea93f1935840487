using System.ComponentModel.DataAnnotations;
using System.Net;
using RelationsAlerts.App.Hosting;

namespace RelationsAlerts.App.Admin;

/// <summary>
/// Optional Microsoft Entra ID (or any OpenID Connect issuer's) access tokens on the admin API, next to the API keys.
/// Off while <see cref="Authority"/> is empty: then only <c>X-Api-Key</c> is accepted.
/// </summary>
public sealed class AdminJwtOptions
{
    public const string SectionName = AdminOptions.SectionName + ":Jwt";

    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/{tenant-id}/v2.0</c>; its discovery document and keys are fetched from here.</summary>
    public string? Authority { get; set; }

    /// <summary>The token's <c>aud</c>: the API's application ID URI (<c>api://…</c>) or client ID, as the tokens carry it.</summary>
    public string? Audience { get; set; }

    /// <summary>App roles (<c>roles</c> claim); a token needs one of these or one of <see cref="RequiredScopes"/>. Both empty: any valid token for the audience.</summary>
    public IList<string> RequiredRoles { get; init; } = [];

    /// <summary>Delegated scopes (<c>scp</c> claim, space-separated); a token needs one of these or one of <see cref="RequiredRoles"/>.</summary>
    public IList<string> RequiredScopes { get; init; } = [];

    /// <summary>False allows an <c>http://</c> authority on a loopback address (local tests); never in Azure.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<string> UsableRoles => RequiredRoles.Where(r => !string.IsNullOrWhiteSpace(r));

    public IEnumerable<string> UsableScopes => RequiredScopes.Where(s => !string.IsNullOrWhiteSpace(s));

    /// <summary>Called by <see cref="AdminOptions.Validate"/>; messages name the setting and never echo a value.</summary>
    public IEnumerable<ValidationResult> Validate()
    {
        if (!Enabled)
        {
            if (!string.IsNullOrWhiteSpace(Audience) || UsableRoles.Any() || UsableScopes.Any())
            {
                yield return new ValidationResult($"{SectionName}:Audience, RequiredRoles or RequiredScopes is set without {SectionName}:Authority; set the authority or remove them.");
            }

            yield break;
        }

        if (KeyVaultReference.IsUnresolved(Authority) || KeyVaultReference.IsUnresolved(Audience))
        {
            yield return new ValidationResult($"{SectionName}:Authority or Audience is an unresolved Key Vault reference; create the secret and grant access.");
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult($"{SectionName}:Authority must be an absolute https URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0.");
        }
        else if (authority.Scheme == Uri.UriSchemeHttp && (RequireHttpsMetadata || !IsLoopback(authority)))
        {
            yield return new ValidationResult($"{SectionName}:Authority must use https; http is allowed only for a loopback authority with {SectionName}:RequireHttpsMetadata=false (local tests).");
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return new ValidationResult($"{SectionName}:Audience is required when {SectionName}:Authority is set (the API's application ID URI or client ID).");
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
