using System.ComponentModel.DataAnnotations;
using RelationsAlerts.App.Hosting;

namespace RelationsAlerts.App.Admin;

/// <summary>The admin API. Several keys may be configured at once so a key can be rotated without downtime.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string SectionName = "Admin";

    public const int MinKeyLength = 32;

    /// <summary>False leaves the admin endpoints unmapped (404) and lets the app start without keys.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Accepted <c>X-Api-Key</c> values. No default: keys are secrets (Key Vault in Azure).</summary>
    public IList<string> ApiKeys { get; init; } = [];

    /// <summary>Optional Entra ID bearer tokens, accepted next to the keys (<see cref="AdminJwtOptions"/>).</summary>
    public AdminJwtOptions Jwt { get; init; } = new();

    /// <summary>The configured keys, without blank entries (an unset environment variable binds as an empty string).</summary>
    public IEnumerable<string> UsableKeys => ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k) && !KeyVaultReference.IsUnresolved(k));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!UsableKeys.Any())
        {
            yield return new ValidationResult(
                $"Admin:ApiKeys needs at least one key of {MinKeyLength} or more characters (or set Admin:Enabled=false).", [nameof(ApiKeys)]);
        }

        foreach (var index in ApiKeys.Select((k, i) => (k, i)).Where(p => KeyVaultReference.IsUnresolved(p.k)).Select(p => p.i))
        {
            yield return new ValidationResult($"Admin:ApiKeys:{index} is an unresolved Key Vault reference; create the secret and grant access.", [nameof(ApiKeys)]);
        }

        // A short key next to a long one would still be a weak way in, so every key must meet the bar. Values are never echoed.
        foreach (var (key, index) in ApiKeys.Select((k, i) => (k, i)).Where(p => !string.IsNullOrWhiteSpace(p.k) && p.k.Length < MinKeyLength))
        {
            yield return new ValidationResult($"Admin:ApiKeys:{index} is shorter than {MinKeyLength} characters.", [nameof(ApiKeys)]);
        }

        foreach (var result in Jwt.Validate())
        {
            yield return result;
        }
    }
}
