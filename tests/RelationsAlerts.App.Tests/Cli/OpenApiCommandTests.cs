using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsAlerts.App.Tests.Admin;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Cli;

/// <summary>
/// <c>handler openapi</c>, run as a separate process with no storage, keys or server: the document the same executable
/// serves at /api/openapi.json, to the byte apart from the <c>servers</c> entry the endpoint derives from the request.
/// </summary>
public sealed class OpenApiCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Handler = Path.Combine(AppContext.BaseDirectory, "handler.dll");

    /// <summary>Nothing to connect to and no secrets: proves the verb neither starts the app nor touches storage.</summary>
    private static readonly Dictionary<string, string> Offline = new()
    {
        ["AzureWebJobsStorage"] = "",
        ["Storage__ConnectionString"] = "",
        ["Admin__ApiKeys__0"] = "",
        ["Links__SigningKey"] = "",
    };

    private static readonly Dictionary<string, string> Jwt = new()
    {
        ["Admin__Jwt__Authority"] = "https://login.microsoftonline.com/7c1a2b3d-0000-4000-8000-00000000a11e/v2.0",
        ["Admin__Jwt__Audience"] = "api://relationsalerts",
        ["Admin__Jwt__RequiredRoles__0"] = "Alerts.Admin",
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenApi_PrintsTheDocumentTheExecutableServes(bool withJwt)
    {
        // Arrange: the same executable serving as under the Functions host, with the same settings.
        var settings = withJwt ? Jwt : new Dictionary<string, string>();
        var serveEnvironment = new Dictionary<string, string>(settings)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Admin__ApiKeys__0"] = AdminTesting.ApiKey,
            ["Links__SigningKey"] = AppHost.SigningKey,
        };
        string served;
        await using (var server = await ServeProcess.StartAsync(Handler, serveEnvironment, TestContext.Current.CancellationToken))
        {
            served = await server.Client.GetStringAsync(new Uri("/api/openapi.json", UriKind.Relative), TestContext.Current.CancellationToken);
        }

        var environment = new Dictionary<string, string>(Offline);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        // Act
        var (exitCode, output) = await ProcessRunner.RunAsync("dotnet", [Handler, "openapi"], environment);

        // Assert
        Assert.True(exitCode == 0, output);
        var printed = JsonNode.Parse(output)!.AsObject();
        Assert.StartsWith("3.", printed["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = printed["paths"]!.AsObject();
        Assert.All(OpenApiTests.Expected, e => Assert.True(paths[e.Path]?[e.Method] is not null, $"{e.Method} {e.Path} missing"));
        Assert.Equal(withJwt, printed["components"]!["securitySchemes"]!.AsObject().ContainsKey("Bearer"));
        Assert.False(printed.ContainsKey("servers"));
        Assert.Equal(WithoutServers(served), output.TrimEnd('\n'));
    }

    [Fact]
    public async Task OpenApi_WritesTheSameDocumentToAFile_WithoutBom()
    {
        // Arrange
        var file = Path.Combine(Directory.CreateTempSubdirectory("openapi-").FullName, "openapi.json");
        try
        {
            // Act
            var (exitCode, output) = await ProcessRunner.RunAsync("dotnet", [Handler, "openapi", "--output", file], Offline);
            var (_, printed) = await ProcessRunner.RunAsync("dotnet", [Handler, "openapi"], Offline);

            // Assert
            Assert.True(exitCode == 0, output);
            Assert.Contains($"openapi: wrote {file}", output, StringComparison.Ordinal);
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Equal(printed.TrimEnd('\n'), Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public async Task Help_ListsTheOpenApiVerb()
    {
        // Act
        var (exitCode, output) = await ProcessRunner.RunAsync("dotnet", [Handler, "--help"]);
        var (verbExitCode, verbHelp) = await ProcessRunner.RunAsync("dotnet", [Handler, "openapi", "--help"]);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Contains("openapi", output, StringComparison.Ordinal);
        Assert.Equal(0, verbExitCode);
        Assert.Contains("--output", verbHelp, StringComparison.Ordinal);
    }

    /// <summary>
    /// The served text minus its <c>servers</c> member, removed from the text itself so the rest is compared byte for
    /// byte; the parsed form checks that exactly that member went.
    /// </summary>
    private static string WithoutServers(string served)
    {
        using var parsed = JsonDocument.Parse(served);
        var servers = parsed.RootElement.GetProperty("servers");
        Assert.Equal(JsonValueKind.Array, servers.ValueKind);
        var start = served.IndexOf("\n  \"servers\": [", StringComparison.Ordinal);
        var end = served.IndexOf("\n  ],", start, StringComparison.Ordinal) + "\n  ],".Length;
        Assert.True(start > 0 && end > start, served);
        var stripped = served.Remove(start, end - start);
        var expected = JsonNode.Parse(served)!.AsObject();
        expected.Remove("servers");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(stripped)), "only the servers member may differ");
        return stripped;
    }
}
