using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using RelationsAlerts.Azure.Tests.Infrastructure;
using static RelationsAlerts.App.Tests.Admin.AdminTesting;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>The OpenAPI document describes every admin endpoint, its tag and the API-key scheme.</summary>
public sealed class OpenApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Every admin operation; also what <c>handler openapi</c> must print (Cli/OpenApiCommandTests.cs).</summary>
    internal static readonly (string Method, string Path, string Tag)[] Expected =
    [
        ("get", "/api/admin/topics", "topics"),
        ("post", "/api/admin/topics", "topics"),
        ("get", "/api/admin/topics/{id}", "topics"),
        ("put", "/api/admin/topics/{id}", "topics"),
        ("delete", "/api/admin/topics/{id}", "topics"),
        ("get", "/api/admin/feeds", "feeds"),
        ("post", "/api/admin/feeds", "feeds"),
        ("get", "/api/admin/feeds/{id}", "feeds"),
        ("put", "/api/admin/feeds/{id}", "feeds"),
        ("delete", "/api/admin/feeds/{id}", "feeds"),
        ("post", "/api/admin/feeds/{id}/pause", "feeds"),
        ("post", "/api/admin/feeds/{id}/resume", "feeds"),
        ("post", "/api/admin/feeds/{id}/poll", "feeds"),
        ("post", "/api/admin/poll", "operations"),
        ("get", "/api/admin/stats", "operations"),
        ("post", "/api/admin/digests/preview", "operations"),
        ("get", "/api/admin/subscribers", "subscribers"),
        ("get", "/api/admin/subscribers/counts", "subscribers"),
        ("get", "/api/admin/subscribers/{id}", "subscribers"),
        ("delete", "/api/admin/subscribers/{id}", "subscribers"),
    ];

    [Fact]
    public async Task OpenApiJson_ListsEveryAdminEndpoint_WithTagAndApiKeyRequirement()
    {
        // Arrange
        await using var host = await StartAsync(azurite);

        // Act: the document is public, like the health endpoint.
        var document = await OkJsonAsync(await host.Client.GetAsync(Url("/api/openapi.json"), TestContext.Current.CancellationToken));

        // Assert
        var paths = document.GetProperty("paths");
        foreach (var (method, path, tag) in Expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} missing");
            Assert.Equal([tag], operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.Contains(operation.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("ApiKey", out _));
        }

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task OpenApiJson_DescribesEveryMappedAdminRoute()
    {
        // Arrange: the routes the app really maps, so an endpoint added later without a description fails here.
        await using var host = await StartAsync(azurite);
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m.ToLowerInvariant(), Path: e.RoutePattern.RawText!.TrimEnd('/'))))
            .ToList();

        // Act
        var document = await OkJsonAsync(await host.Client.GetAsync(Url("/api/openapi.json"), TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(Expected.Length, mapped.Count);
        var paths = document.GetProperty("paths");
        Assert.All(mapped, m => Assert.True(paths.TryGetProperty(m.Path, out var item) && item.TryGetProperty(m.Method, out _), $"{m.Method} {m.Path} missing"));
        Assert.Equal(JsonValueKind.Object, paths.ValueKind);
    }
}
