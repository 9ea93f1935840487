using System.Text.Json;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>
/// Under the Functions host a request reaches the handler only through an HTTP function; these forward the admin API, the
/// OpenAPI document and its reference page with its scripts (host.json's route prefix "api" is kept in the forwarded path,
/// so the app's routes match as-is).
/// </summary>
public sealed class AdminFunctionsRoutingTests
{
    [Theory]
    [InlineData("AdminApi", "admin/{*rest}", new[] { "get", "post", "put", "delete" })]
    [InlineData("OpenApi", "openapi.json", new[] { "get" })]
    [InlineData("ApiDocs", "docs/{*rest}", new[] { "get" })]
    public void FunctionJson_ForwardsRouteAnonymously_AsHttpInAndOut(string function, string route, string[] methods)
    {
        // Arrange
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("src", "RelationsAlerts.App", "Functions", function, "function.json")));
        var bindings = json.RootElement.GetProperty("bindings").EnumerateArray().ToList();

        // Assert: exactly one httpTrigger in and one http out, or the host would send the JSON invocation payload instead.
        Assert.Equal(2, bindings.Count);
        var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "out");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        // The app checks X-Api-Key itself; a host function key on top would make every admin client send two secrets.
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
    }
}
