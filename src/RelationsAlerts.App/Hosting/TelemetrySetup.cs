using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using RelationsAlerts.Core.Telemetry;

namespace RelationsAlerts.App.Hosting;

/// <summary>
/// Metrics and traces to Application Insights through OpenTelemetry and the Azure Monitor exporter, with Entra ID
/// auth (the resource has local auth disabled). Off when no connection string is set, as in local runs and tests.
/// Logs stay on stdout, which the Functions host forwards.
/// </summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddRelationsAlertsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        var credential = Credential(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        void Configure(AzureMonitorExporterOptions o)
        {
            o.ConnectionString = connectionString;
            o.Credential = credential;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("relationsalerts"))
            .WithMetrics(m => m.AddMeter(PipelineMetrics.Name).AddAzureMonitorMetricExporter(Configure))
            .WithTracing(t => t.AddSource(PipelineMetrics.Name).AddAzureMonitorTraceExporter(Configure));
        return services;
    }

    /// <summary><c>Authorization=AAD</c> (system identity) or <c>ClientId=…;Authorization=AAD</c> (user-assigned identity).</summary>
    internal static TokenCredential? Credential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication) || !authentication.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var clientId = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .FirstOrDefault(p => p.Length == 2 && p[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))?[1];
        return clientId is null
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
