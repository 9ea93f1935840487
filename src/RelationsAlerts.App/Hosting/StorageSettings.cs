using Microsoft.Extensions.Options;
using RelationsAlerts.Azure;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Hosting;

/// <summary>
/// Lets the app read the same settings as the Functions host: <c>AzureWebJobsStorage</c> (connection string) or
/// <c>AzureWebJobsStorage__accountName</c>/<c>__clientId</c> (managed identity), and <c>PollFeedsSchedule</c>.
/// </summary>
internal sealed class StorageSettings(IConfiguration configuration)
    : IPostConfigureOptions<StorageOptions>, IPostConfigureOptions<PollingOptions>, IPostConfigureOptions<DigestOptions>
{
    public void PostConfigure(string? name, StorageOptions options)
    {
        var webJobs = configuration.GetSection("AzureWebJobsStorage");
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.AccountName))
        {
            options.ConnectionString = NullIfEmpty(webJobs.Value);
            options.AccountName = options.ConnectionString is null ? NullIfEmpty(webJobs["accountName"]) : null;
        }

        options.ClientId ??= NullIfEmpty(webJobs["clientId"]);
    }

    public void PostConfigure(string? name, PollingOptions options)
    {
        if (NullIfEmpty(configuration["PollFeedsSchedule"]) is { } schedule && configuration[$"{PollingOptions.SectionName}:Schedule"] is null)
        {
            options.Schedule = schedule;
        }
    }

    public void PostConfigure(string? name, DigestOptions options)
    {
        if (NullIfEmpty(configuration["ScheduleDigestsSchedule"]) is { } schedule && configuration[$"{DigestOptions.SectionName}:Schedule"] is null)
        {
            options.Schedule = schedule;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
