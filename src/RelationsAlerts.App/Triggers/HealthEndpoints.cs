using System.Reflection;
using RelationsAlerts.App.Hosting;

namespace RelationsAlerts.App.Triggers;

/// <summary>The Health HTTP function (forwarded by the host as <c>GET /api/health</c>; served directly in standalone mode).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", (HostingInfo hosting) => TypedResults.Ok(new HealthStatus(
            "ok",
            hosting.Mode.ToString(),
            typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown")));
        return app;
    }
}

public sealed record HealthStatus(string Status, string Mode, string Version);
