using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Cli;

/// <summary>The <c>--samples</c> directory: feeds served over loopback HTTP (so conditional GET and encodings are real) and demo subscribers.</summary>
internal sealed class SampleData(DirectoryInfo directory)
{
    public const string RequestPath = "/samples";

    public static IEnumerable<KeyValuePair<string, string?>> Settings { get; } =
        [new("Fetching:AllowLoopback", "true")];

    public DirectoryInfo FeedsDirectory => new(Path.Combine(directory.FullName, "feeds"));

    public void MapFeeds(WebApplication app) =>
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(FeedsDirectory.FullName), RequestPath = RequestPath });

    public IEnumerable<ConfiguredFeed> Feeds(Uri baseAddress) =>
        FeedsDirectory.EnumerateFiles("*.xml").OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new ConfiguredFeed { Url = new Uri(baseAddress, $"{RequestPath}/{f.Name}").AbsoluteUri, Name = f.Name });

    public async Task<int> ImportSubscribersAsync(ISubscriberStore store, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory.FullName, "subscribers.json");
        if (!File.Exists(path))
        {
            return 0;
        }

        await using var file = File.OpenRead(path);
        var entries = await JsonSerializer.DeserializeAsync<SampleSubscriber[]>(file, JsonSerializerOptions.Web, cancellationToken) ?? [];
        foreach (var entry in entries)
        {
            var id = SubscriberIds.FromEmail(entry.Email);
            if (await store.GetAsync(id, cancellationToken) is null)
            {
                // Sample addresses are example.com demo data, so they start confirmed.
                await store.UpsertAsync(new Subscriber
                {
                    Id = id,
                    Email = entry.Email,
                    Sectors = entry.Sectors,
                    Frequency = Enum.TryParse<DigestFrequency>(entry.Frequency, ignoreCase: true, out var f) ? f : DigestFrequency.Daily,
                    TimeZone = entry.TimeZone ?? "UTC",
                    Status = SubscriberStatus.Active,
                }, cancellationToken);
            }
        }

        return entries.Length;
    }

    private sealed record SampleSubscriber(string Email, string[] Sectors, string? Frequency, string? TimeZone);
}
