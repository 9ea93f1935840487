using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Mail;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Cli;

/// <summary><c>run --once</c>: one poll, then drain the digest queue through the same processor the standalone listener uses.</summary>
internal static class RunOnceCommand
{
    public static async Task<int> ExecuteAsync(DirectoryInfo? samplesDirectory, bool pollAll, TextWriter output, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var samples = samplesDirectory is null ? null : new SampleData(samplesDirectory);
        if (samples is not null && !samples.FeedsDirectory.Exists)
        {
            await Console.Error.WriteLineAsync($"run: {samples.FeedsDirectory.FullName} does not exist.");
            return 2;
        }

        await using var app = RelationsAlertsBuilder.Build([], HostingMode.RunOnce, [.. QuietLogging, .. samples is null ? [] : SampleData.Settings]);
        samples?.MapFeeds(app);
        // Kestrel is only needed to serve --samples; without it a run starts faster, with the same options validation.
        if (samples is not null)
        {
            await app.StartAsync(cancellationToken);
        }
        else
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }

        var services = app.Services;
        var initializer = services.GetRequiredService<AppInitializer>();
        await initializer.EnsureInitializedAsync(cancellationToken);
        if (samples is not null)
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            await initializer.RegisterFeedsAsync(samples.Feeds(address), cancellationToken);
            var imported = await samples.ImportSubscribersAsync(services.GetRequiredService<ISubscriberStore>(), cancellationToken);
            await output.WriteLineAsync($"Samples: serving {samples.FeedsDirectory.FullName} at {address}samples/, {imported} subscribers");
        }

        var progress = new SynchronousProgress<FeedRunResult>(r => output.WriteLine(FormatFeed(r)));
        var startup = stopwatch.Elapsed;
        var poll = await services.GetRequiredService<PollFeedsJob>().RunAsync(progress, digestsForAll: true, includeNotDue: pollAll, cancellationToken);
        var polled = stopwatch.Elapsed;
        var digests = await DrainAsync(services.GetRequiredService<DigestQueueProcessor>(), output, cancellationToken);
        var drained = stopwatch.Elapsed;
        if (samples is not null)
        {
            await app.StopAsync(cancellationToken);
        }

        var sent = digests.Where(d => d.Kind == DigestOutcomeKind.Sent).Sum(d => d.Recipients);
        var mailTarget = services.GetService<IMailSender>() is EmlFileMailSender
            ? " to " + Path.GetFullPath(services.GetRequiredService<IOptions<MailOptions>>().Value.OutputDirectory)
            : " via SendGrid";
        await output.WriteLineAsync(
            $"Summary: feeds {poll.FeedsPolled} ({poll.FeedsFailed} failed), items kept {poll.ItemsKept} ({poll.ItemsNew} new), " +
            $"items dropped {poll.ItemsDropped}, digests sent {sent}{mailTarget}, in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        // Where the time went, for benchmarks: host start-up and storage set-up, the poll itself, sending digests.
        await output.WriteLineAsync(FormattableString.Invariant(
            $"Timing: start-up {startup.TotalSeconds:0.000} s, poll {(polled - startup).TotalSeconds:0.000} s, digests {(drained - polled).TotalSeconds:0.000} s"));
        return 0;
    }

    /// <summary>The console is for progress and the summary; only warnings and errors are logged.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> QuietLogging { get; } =
    [
        new("Logging:LogLevel:Default", "Warning"),
        new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"),
        // Start-up failures (invalid options) are reported by the command as one line; the host's own log of them is a stack trace.
        new("Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host", "None"),
    ];

    private static async Task<List<DigestOutcome>> DrainAsync(DigestQueueProcessor processor, TextWriter output, CancellationToken cancellationToken)
    {
        var all = new List<DigestOutcome>();
        while (await processor.ProcessBatchAsync(cancellationToken) is { Count: > 0 } batch)
        {
            foreach (var outcome in batch)
            {
                await output.WriteLineAsync($"  digest {outcome}");
            }

            all.AddRange(batch);
        }

        return all;
    }

    private static string FormatFeed(FeedRunResult r) => r.Status switch
    {
        FeedRunStatus.Fetched => $"  feed {r.FeedName}: {r.ItemsSeen} entries, {r.ItemsKept} kept, {r.ItemsDropped} dropped, {r.ItemsNew} new",
        FeedRunStatus.NotModified => $"  feed {r.FeedName}: not modified",
        _ => $"  feed {r.FeedName}: FAILED {r.Error}",
    };

    /// <summary>Progress&lt;T&gt; posts to the thread pool; console lines should appear in order, as they happen.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly Lock gate = new();

        public void Report(T value)
        {
            lock (gate)
            {
                report(value);
            }
        }
    }
}
