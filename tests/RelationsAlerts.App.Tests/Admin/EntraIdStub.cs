using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.Server;
using WmResponse = WireMock.ResponseBuilders.Response;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>
/// A Microsoft Entra ID tenant as the JWT handler sees it, on a loopback WireMock.Net server: the v2.0 OpenID Connect
/// discovery document and its JWKS, with a signing key made here. The app fetches both over real HTTP; tests mint tokens
/// with <see cref="Token"/>.
/// </summary>
internal sealed class EntraIdStub : IDisposable
{
    public const string TenantId = "7c1a2b3d-0000-4000-8000-00000000a11e";
    public const string Audience = "api://relationsalerts-admin-tests";
    public const string KeyId = "test-key-1";

    private readonly WireMockServer server = WireMockServer.Start();
    private readonly RSA key = RSA.Create(2048);
    private readonly RSA otherKey = RSA.Create(2048);

    public EntraIdStub()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.ExportParameters(includePrivateParameters: false)) { KeyId = KeyId });
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = SecurityAlgorithms.RsaSha256 } } });
        var discovery = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{server.Url}/{TenantId}/discovery/v2.0/keys",
            ["authorization_endpoint"] = $"{Issuer.Replace("/v2.0", "", StringComparison.Ordinal)}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{Issuer.Replace("/v2.0", "", StringComparison.Ordinal)}/oauth2/v2.0/token",
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            ["response_types_supported"] = new[] { "code", "id_token", "token id_token" },
            ["subject_types_supported"] = new[] { "pairwise" },
        });
        server.Given(Request.Create().WithPath(DiscoveryPath).UsingGet())
            .RespondWith(WmResponse.Create().WithHeader("Content-Type", "application/json").WithBody(discovery));
        server.Given(Request.Create().WithPath($"/{TenantId}/discovery/v2.0/keys").UsingGet())
            .RespondWith(WmResponse.Create().WithHeader("Content-Type", "application/json").WithBody(jwks));
    }

    /// <summary>What <c>Admin:Jwt:Authority</c> is set to, and (as in Entra's v2.0 endpoint) the tokens' issuer.</summary>
    public string Authority => $"{server.Url}/{TenantId}/v2.0";

    public string Issuer => Authority;

    public static string DiscoveryPath => $"/{TenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>The paths the app fetched from this tenant, in order.</summary>
    public IReadOnlyList<string> Requests => [.. server.LogEntries.Select(e => e.RequestMessage.Path)];

    /// <summary>The settings that turn bearer tokens on against this tenant (http on loopback needs RequireHttpsMetadata=false).</summary>
    public Dictionary<string, string?> Settings(string? role = "Alerts.Admin", string? scope = "Admin.Manage")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Admin:Jwt:Authority"] = Authority,
            ["Admin:Jwt:Audience"] = Audience,
            ["Admin:Jwt:RequireHttpsMetadata"] = "false",
        };
        if (role is not null)
        {
            settings["Admin:Jwt:RequiredRoles:0"] = role;
        }

        if (scope is not null)
        {
            settings["Admin:Jwt:RequiredScopes:0"] = scope;
        }

        return settings;
    }

    /// <summary>An access token shaped like Entra's v2.0 ones; every part can be made wrong on purpose.</summary>
    public string Token(
        string[]? roles = null,
        string? scope = null,
        string audience = Audience,
        string? issuer = null,
        TimeSpan? expiresIn = null,
        bool wrongKey = false)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(30));
        var claims = new Dictionary<string, object> { ["sub"] = "admin-subject", ["tid"] = TenantId, ["name"] = "Test Admin", ["ver"] = "2.0" };
        if (roles is not null)
        {
            claims["roles"] = roles;
        }

        if (scope is not null)
        {
            claims["scp"] = scope;
        }

        var signingKey = new RsaSecurityKey(wrongKey ? otherKey : key) { KeyId = KeyId };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expires < now ? expires - TimeSpan.FromHours(1) : now,
            NotBefore = expires < now ? expires - TimeSpan.FromHours(1) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        server.Stop();
        server.Dispose();
        key.Dispose();
        otherKey.Dispose();
    }
}
