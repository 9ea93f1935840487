using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RelationsAlerts.App.Admin;
using RelationsAlerts.Azure;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Tests.Infra;

/// <summary>
/// Security and wiring assertions on the ARM JSON that <c>infra/validate.sh --out</c> compiles from infra/main.bicep,
/// so a template edit that validates but weakens the deployment (shared keys, a secret in a setting, a missing role or
/// table) fails here.
/// </summary>
public sealed class CompiledTemplateTests(CompiledTemplateFixture arm) : IClassFixture<CompiledTemplateFixture>
{
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public void Validate_CompilesAndLints_WithZeroDiagnostics()
    {
        arm.SkipIfUnavailable();
        Assert.True(arm.ExitCode == 0, arm.Log);
        Assert.Contains("validate.sh: OK (0 diagnostics)", arm.Log, StringComparison.Ordinal);
        Assert.NotEmpty(arm.ParameterFiles);
    }

    [Fact]
    public void StorageAccount_DisablesSharedKeysAndPublicBlobs_AndRequiresTls12()
    {
        // Act
        var properties = arm.OnlyResource("Microsoft.Storage/storageAccounts").Resource["properties"]!;

        // Assert
        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void FunctionApp_IsHttpsOnly_WithCustomRuntimeOnFlex()
    {
        // Act
        var site = arm.OnlyResource("Microsoft.Web/sites").Resource;
        var properties = site["properties"]!;
        var plan = arm.OnlyResource("Microsoft.Web/serverfarms").Resource;
        var publishingPolicies = arm.Resources().Where(r => CompiledTemplateFixture.Type(r.Resource) == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        // Assert
        Assert.True((bool)properties["httpsOnly"]!);
        Assert.Equal("1.2", (string?)properties["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)properties["siteConfig"]!["ftpsState"]);
        Assert.Equal("custom", (string?)properties["functionAppConfig"]!["runtime"]!["name"]);
        Assert.Equal("1.0", (string?)properties["functionAppConfig"]!["runtime"]!["version"]);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal(2, publishingPolicies.Count);
        Assert.All(publishingPolicies, p => Assert.False((bool)p.Resource["properties"]!["allow"]!));
    }

    [Fact]
    public void AppSettings_UseManagedIdentityStorage_WithoutConnectionStringOrKeys()
    {
        // Act
        var settings = AppSettings();

        // Assert
        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("AzureWebJobsStorage__clientId", settings.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(settings.Keys, k => k is "FUNCTIONS_WORKER_RUNTIME" or "FUNCTIONS_EXTENSION_VERSION" or "WEBSITE_RUN_FROM_PACKAGE" or "WEBSITE_TIME_ZONE" or "TZ" || k.StartsWith("WEBSITE_CONTENT", StringComparison.Ordinal));
        Assert.All(settings, s => Assert.DoesNotContain("AccountKey=", s.Value, StringComparison.OrdinalIgnoreCase));
        Assert.All(settings, s => Assert.DoesNotContain("SG.", s.Value, StringComparison.Ordinal));
        var everything = arm.Template.ToJsonString();
        Assert.DoesNotContain("listKeys(", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", everything, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("SendGrid__ApiKey", "sendgrid-api-key")]
    [InlineData("Links__SigningKey", "link-signing-key")]
    [InlineData("Admin__ApiKeys__0", "admin-api-key")]
    public void AppSettings_HoldSecretsOnlyAsKeyVaultReferences(string setting, string secretName)
    {
        // Act
        var value = AppSettings()[setting];

        // Assert
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", value, StringComparison.Ordinal);
        Assert.Contains($"secrets/{secretName}", value, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_HoldEveryKeySettingAsKeyVaultReference_IncludingRotationSlots()
    {
        // Act: Admin__ApiKeys__N and Links__RetiredKeys__<id> are added during key rotations (README "Operations").
        var secretSettings = AppSettings()
            .Where(s => s.Key is "SendGrid__ApiKey" or "Links__SigningKey"
                || s.Key.StartsWith("Admin__ApiKeys__", StringComparison.Ordinal)
                || s.Key.StartsWith("Links__RetiredKeys__", StringComparison.Ordinal))
            .ToList();

        // Assert
        Assert.True(secretSettings.Count >= 3, "expected at least SendGrid__ApiKey, Links__SigningKey and Admin__ApiKeys__0");
        Assert.All(secretSettings, s => Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", s.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void AppSettings_IncludeTimerSchedulesAndWebhookPublicKey_AsPlainParameters()
    {
        // Act
        var settings = AppSettings();
        var parameters = arm.Template["parameters"]!;

        // Assert: every %Setting% a function.json schedule names is an app setting.
        foreach (var functionJson in Directory.GetFiles(RepositoryPaths.Combine("src", "RelationsAlerts.App", "Functions"), "function.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(functionJson));
            foreach (var binding in document.RootElement.GetProperty("bindings").EnumerateArray())
            {
                if (binding.TryGetProperty("schedule", out var schedule) && schedule.GetString() is ['%', .. var name, '%'])
                {
                    Assert.True(settings.ContainsKey(name), $"{functionJson} reads %{name}% but the template sets no such app setting");
                }
            }
        }

        Assert.Contains("PollFeedsSchedule", settings.Keys);
        Assert.Contains("ScheduleDigestsSchedule", settings.Keys);
        Assert.Contains("Webhooks__SendGridPublicKey", settings.Keys);
        Assert.Equal(new PollingOptions().Schedule, (string?)parameters["pollSchedule"]!["defaultValue"]);
        Assert.Equal(new DigestOptions().Schedule, (string?)parameters["scheduleDigestsSchedule"]!["defaultValue"]);
        Assert.Equal("string", (string?)parameters["sendGridWebhookPublicKey"]!["type"]);
    }

    [Fact]
    public void AppSettings_CarryTheOptionalEntraIdSettings_EmptyByDefault()
    {
        // Act
        var settings = AppSettings();
        var parameters = arm.Template["parameters"]!;

        // Assert: the handler treats blank as unset, so by default the admin API takes API keys only.
        Assert.Contains("Admin__Jwt__Authority", settings.Keys);
        Assert.Contains("Admin__Jwt__Audience", settings.Keys);
        Assert.Contains("Admin__Jwt__RequiredRoles__0", settings.Keys);
        Assert.All(["adminJwtAuthority", "adminJwtAudience", "adminJwtRequiredRole"], p => Assert.Equal("", (string?)parameters[p]!["defaultValue"]));
        var blank = new AdminJwtOptions { Authority = "", Audience = "", RequiredRoles = [""] };
        Assert.False(blank.Enabled);
        Assert.Empty(blank.Validate());
    }

    [Fact]
    public void KeyVault_UsesRbacAuthorization()
    {
        // Act
        var properties = arm.OnlyResource("Microsoft.KeyVault/vaults").Resource["properties"]!;

        // Assert
        Assert.True((bool)properties["enableRbacAuthorization"]!);
        Assert.True((bool)properties["enableSoftDelete"]!);
    }

    [Fact]
    public void ApplicationInsights_DisablesLocalAuth()
    {
        // Act
        var properties = arm.OnlyResource("Microsoft.Insights/components").Resource["properties"]!;

        // Assert
        Assert.True((bool)properties["DisableLocalAuth"]!);
    }

    [Fact]
    public void RoleAssignments_GrantTheIdentityStorageKeyVaultAndMetricsRoles()
    {
        // Act
        var granted = arm.Resources()
            .Where(r => CompiledTemplateFixture.Type(r.Resource) == "Microsoft.Authorization/roleAssignments" && r.Resource["condition"] is null)
            .Select(r => (Role: CompiledTemplateFixture.RoleId(r.Resource, r.Template), Type: (string?)r.Resource["properties"]!["principalType"], Principal: (string?)r.Resource["properties"]!["principalId"]))
            .ToList();

        // Assert
        foreach (var role in new[] { BlobDataOwner, QueueDataContributor, TableDataContributor, KeyVaultSecretsUser, MonitoringMetricsPublisher })
        {
            var assignment = Assert.Single(granted, g => g.Role == role);
            Assert.Equal("ServicePrincipal", assignment.Type);
            Assert.Equal("[parameters('identityPrincipalId')]", assignment.Principal);
        }
    }

    [Fact]
    public void Parameters_HaveNoSecureOrSecretValues()
    {
        // Act
        var parameters = arm.Templates().SelectMany(t => (t["parameters"] as JsonObject ?? []).Select(p => (Name: p.Key, Type: (string?)p.Value!["type"]))).ToList();

        // Assert: secrets reach the app only through Key Vault references, never as deployment parameters.
        Assert.DoesNotContain(parameters, p => string.Equals(p.Type, "securestring", StringComparison.OrdinalIgnoreCase) || string.Equals(p.Type, "secureObject", StringComparison.OrdinalIgnoreCase));
        foreach (var (file, parameterFile) in arm.ParameterFiles)
        {
            foreach (var (name, value) in (JsonObject)parameterFile["parameters"]!)
            {
                Assert.True(value?["reference"] is null, $"{file}: {name} is a Key Vault reference; the templates take no secrets");
                var text = value?["value"]?.ToJsonString() ?? string.Empty;
                Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("SG.", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Storage_CreatesEveryTableAndQueueTheAppUses()
    {
        // Act
        var tables = ChildNames("Microsoft.Storage/storageAccounts/tableServices/tables");
        var queues = ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues");

        // Assert
        Assert.Equal(TableNames.All.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        var storage = new StorageOptions();
        Assert.Equal(new[] { storage.DigestQueueName, storage.PoisonQueueName }.Order(StringComparer.Ordinal), queues.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Names of the child resources of one type: a copy loop (<c>for name in list</c>) yields the module variable's
    /// entries, a single resource the last literal of its <c>format('{0}/{1}/{2}', …, 'name')</c> name.
    /// </summary>
    private List<string> ChildNames(string type)
    {
        var names = new List<string>();
        foreach (var (resource, template) in arm.Resources().Where(r => CompiledTemplateFixture.Type(r.Resource) == type))
        {
            if (resource["copy"] is { } copy)
            {
                var count = (string)copy["count"]!;
                var match = Regex.Match(count, @"^\[length\(variables\('(?<name>\w+)'\)\)\]$");
                Assert.True(match.Success, $"unexpected copy count {count} on {type}");
                names.AddRange(template["variables"]![match.Groups["name"].Value]!.AsArray().Select(n => (string)n!));
            }
            else
            {
                var name = (string)resource["name"]!;
                var match = Regex.Match(name, @"'(?<name>[^']+)'\)\]$");
                Assert.True(match.Success, $"cannot read the name of {type} {name}");
                names.Add(match.Groups["name"].Value);
            }
        }

        return names;
    }

    private Dictionary<string, string> AppSettings()
    {
        var (config, template) = Assert.Single(
            arm.Resources(),
            r => CompiledTemplateFixture.Type(r.Resource) == "Microsoft.Web/sites/config" && ((string)r.Resource["name"]!).EndsWith("'appsettings')]", StringComparison.Ordinal));
        return config["properties"]!.AsObject().ToDictionary(p => p.Key, p => CompiledTemplateFixture.Resolve(p.Value, template), StringComparer.Ordinal);
    }
}
