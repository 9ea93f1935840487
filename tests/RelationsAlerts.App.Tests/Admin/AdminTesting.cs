using System.Net;
using System.Text;
using System.Text.Json;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>Starts the real app with an admin key and talks to it over HTTP the way an admin client does.</summary>
internal static class AdminTesting
{
    /// <summary>A 40-character key, different from AppHost's default, so these tests prove the setting is honoured.</summary>
    public const string ApiKey = "admin-tests-key-0123456789abcdefghijklmn";

    public static Task<AppHost> StartAsync(
        AzuriteFixture azurite,
        IDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Admin:ApiKeys:0"] = ApiKey };
        return AppHost.StartAsync(azurite.ConnectionString, "dq-" + Guid.NewGuid().ToString("N")[..12], all, clock, HostingMode.FunctionsHost, configureServices);
    }

    public static HttpClient Client(AppHost host, string? key = ApiKey)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static Uri Url(string path) => new(path, UriKind.Relative);

    public static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the expected status, and no stack trace.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)expected, body.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return body;
    }

    /// <summary>The messages of one field of a validation problem.</summary>
    public static async Task<string[]> ValidationErrorsAsync(HttpResponseMessage response, string field)
    {
        var body = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}' in {body}");
        return [.. messages.EnumerateArray().Select(m => m.GetString()!)];
    }

    public static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Url(path)) { Content = Json(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The ETag header exactly as sent, for If-Match.</summary>
    public static string ETag(HttpResponseMessage response) => response.Headers.GetValues("ETag").Single();
}
