using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using RelationsAlerts.Azure.Tests.Infrastructure;
using static RelationsAlerts.App.Tests.Admin.AdminTesting;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>Admin:Jwt is checked when the app starts, and without it the admin API is API-key only, as before.</summary>
public sealed class AdminJwtOptionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    public static TheoryData<string?, string?, string?, string> BadSettings { get; } = new()
    {
        { "not a url", "api://x", null, "Admin:Jwt:Authority must be an absolute https URL" },
        { "ftp://login.example.com/t/v2.0", "api://x", null, "Admin:Jwt:Authority must be an absolute https URL" },
        { "http://login.example.com/t/v2.0", "api://x", "false", "Admin:Jwt:Authority must use https" },
        { "http://127.0.0.1:9/t/v2.0", "api://x", null, "Admin:Jwt:Authority must use https" },
        { "https://login.microsoftonline.com/t/v2.0", null, null, "Admin:Jwt:Audience is required" },
        { null, "api://x", null, "without Admin:Jwt:Authority" },
        { "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/authority/)", "api://x", null, "unresolved Key Vault reference" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_FailsNamingTheSetting_WhenJwtSettingsAreInvalid(string? authority, string? audience, string? requireHttps, string expected)
    {
        // Arrange
        var settings = new Dictionary<string, string?>
        {
            ["Admin:Jwt:Authority"] = authority,
            ["Admin:Jwt:Audience"] = audience,
            ["Admin:Jwt:RequireHttpsMetadata"] = requireHttps,
        }.Where(s => s.Value is not null).ToDictionary();

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(azurite, settings));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutJwtSettings_BearerTokensAreIgnored_AndOnlyTheApiKeyIsChallenged()
    {
        // Arrange: a token that would be valid if the tenant were configured.
        using var tenant = new EntraIdStub();
        await using var host = await StartAsync(azurite);
        using var client = Client(host, key: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/api/admin/feeds"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Token(roles: ["Alerts.Admin"]));

        // Act
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var document = await OkJsonAsync(await host.Client.GetAsync(Url("/api/openapi.json"), TestContext.Current.CancellationToken));

        // Assert
        await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("ApiKey", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(tenant.Requests);
        Assert.False(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }
}
