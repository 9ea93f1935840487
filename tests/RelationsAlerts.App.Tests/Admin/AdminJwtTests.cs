using System.Net;
using System.Net.Http.Headers;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using static RelationsAlerts.App.Tests.Admin.AdminTesting;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>
/// Entra ID bearer tokens on the admin API (Admin:Jwt), against a loopback tenant whose discovery document and keys the
/// app fetches over HTTP: valid tokens in, forged, expired and foreign ones out, roles and scopes enforced, API keys
/// unchanged.
/// </summary>
public sealed class AdminJwtTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string FeedsPath = "/api/admin/feeds";

    private readonly EntraIdStub tenant = new();
    private AppHost host = null!;

    public async ValueTask InitializeAsync() => host = await StartAsync(azurite, tenant.Settings());

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        tenant.Dispose();
    }

    [Fact]
    public async Task Bearer_WithRequiredRole_Returns200_AfterFetchingTheTenantsMetadata()
    {
        // Act
        var response = await GetAsync(tenant.Token(roles: ["Alerts.Admin"]));

        // Assert
        await OkJsonAsync(response);
        Assert.Contains(EntraIdStub.DiscoveryPath, tenant.Requests);
        Assert.Contains($"/{EntraIdStub.TenantId}/discovery/v2.0/keys", tenant.Requests);
    }

    [Fact]
    public async Task Bearer_WithRequiredScope_Returns200()
    {
        // Act: a delegated (user) token carries scopes, space-separated, instead of app roles.
        var response = await GetAsync(tenant.Token(scope: "User.Read Admin.Manage"));

        // Assert
        await OkJsonAsync(response);
    }

    public static TheoryData<string> RejectedTokens { get; } = ["wrong audience", "expired", "bad signature", "wrong issuer", "not a JWT"];

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task Bearer_Returns401Problem_WithBearerChallenge_WhenTokenIsNotValid(string flaw)
    {
        // Arrange
        var token = flaw switch
        {
            "wrong audience" => tenant.Token(roles: ["Alerts.Admin"], audience: "api://some-other-api"),
            "expired" => tenant.Token(roles: ["Alerts.Admin"], expiresIn: TimeSpan.FromHours(-1)),
            "bad signature" => tenant.Token(roles: ["Alerts.Admin"], wrongKey: true),
            "wrong issuer" => tenant.Token(roles: ["Alerts.Admin"], issuer: "https://login.microsoftonline.com/another-tenant/v2.0"),
            _ => "not-a-jwt",
        };

        // Act
        var response = await GetAsync(token);

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("bearer token", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_Returns403Problem_WhenTokenLacksRoleAndScope()
    {
        // Act: valid signature, issuer, audience and lifetime, but only an unrelated role and scope.
        var response = await GetAsync(tenant.Token(roles: ["Alerts.Reader"], scope: "User.Read"));

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("Admin:Jwt:RequiredRoles", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_StillWorks_AndWinsOverABearerToken()
    {
        // Arrange
        using var withKey = Client(host);
        using var both = new HttpRequestMessage(HttpMethod.Get, Url(FeedsPath));
        both.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-jwt");

        // Act
        var keyOnly = await withKey.GetAsync(Url(FeedsPath), TestContext.Current.CancellationToken);
        var keyAndBadToken = await withKey.SendAsync(both, TestContext.Current.CancellationToken);

        // Assert
        await OkJsonAsync(keyOnly);
        await OkJsonAsync(keyAndBadToken);
    }

    [Fact]
    public async Task NoCredentials_Returns401_NamingBothSchemes()
    {
        // Arrange
        using var anonymous = Client(host, key: null);

        // Act
        var response = await anonymous.GetAsync(Url(FeedsPath), TestContext.Current.CancellationToken);

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(["ApiKey", "Bearer"], response.Headers.WwwAuthenticate.Select(c => c.Scheme));
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiJson_OffersBearerAsAlternative_OnEveryAdminOperation()
    {
        // Act
        var document = await OkJsonAsync(await host.Client.GetAsync(Url("/api/openapi.json"), TestContext.Current.CancellationToken));

        // Assert
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer", "JWT"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString(), scheme.GetProperty("bearerFormat").GetString()));
        Assert.Contains("Alerts.Admin", scheme.GetProperty("description").GetString(), StringComparison.Ordinal);
        var adminOperations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/admin/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject())
            .ToList();
        Assert.NotEmpty(adminOperations);
        Assert.All(adminOperations, operation => Assert.Equal(
            ["ApiKey", "Bearer"],
            operation.Value.GetProperty("security").EnumerateArray().Select(r => Assert.Single(r.EnumerateObject()).Name)));
    }

    private async Task<HttpResponseMessage> GetAsync(string token)
    {
        using var client = Client(host, key: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(FeedsPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
