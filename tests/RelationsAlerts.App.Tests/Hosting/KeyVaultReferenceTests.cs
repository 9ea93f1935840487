using Microsoft.Extensions.Options;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Hosting;

/// <summary>An unresolved Key Vault reference is guessable text: it must stop the app, never act as a key.</summary>
public sealed class KeyVaultReferenceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Unresolved = "@Microsoft.KeyVault(SecretUri=https://kv-dev-abc1234.vault.azure.net/secrets/admin-api-key/)";

    [Theory]
    [InlineData("Admin:ApiKeys:0")]
    [InlineData("Links:SigningKey")]
    [InlineData("SendGrid:ApiKey")]
    public async Task Start_Fails_WhenASecretIsAnUnresolvedKeyVaultReference(string setting)
    {
        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            AppHost.StartAsync(azurite.ConnectionString, "dq-kv", new Dictionary<string, string?> { [setting] = Unresolved, ["Logging:LogLevel:Default"] = "None" }));

        // Assert
        Assert.Contains("unresolved Key Vault reference", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Unresolved, error.Message, StringComparison.Ordinal);
    }
}
