namespace RelationsAlerts.App.Hosting;

/// <summary>
/// App Service leaves an app setting as the literal <c>@Microsoft.KeyVault(...)</c> text when it cannot resolve the
/// reference (missing secret, no access). That text is long and guessable, so it must never count as a key.
/// </summary>
public static class KeyVaultReference
{
    public static bool IsUnresolved(string? value) =>
        value?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true;
}
