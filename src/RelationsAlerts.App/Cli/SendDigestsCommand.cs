using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Cli;

/// <summary>
/// <c>send-digests</c>: what the ScheduleDigests timer and the SendDigest queue trigger do, once, from the command line:
/// queue every digest that is due now, then send the digest queue until it is empty. For operators (catch up after an
/// outage) and the digest benchmark. Reads the same settings as <c>serve</c>.
/// </summary>
internal static class SendDigestsCommand
{
    public static Command Verb()
    {
        var command = new Command("send-digests", "Queue every digest that is due now (as the ScheduleDigests timer does), send the digest queue until it is empty, print progress and a summary.");
        command.SetAction((_, cancellationToken) => ExecuteAsync(Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var stopwatch = Stopwatch.StartNew();
            await using var app = RelationsAlertsBuilder.Build([], HostingMode.RunOnce, QuietLogging);
            app.Services.GetService<IStartupValidator>()?.Validate();
            await app.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(cancellationToken);
            var scheduled = await app.Services.GetRequiredService<ScheduleDigestsJob>().RunAsync(cancellationToken);
            await output.WriteLineAsync($"send-digests: {scheduled}");

            var processor = app.Services.GetRequiredService<DigestQueueProcessor>();
            var totals = new Dictionary<DigestOutcomeKind, int>();
            int jobs = 0, recipients = 0;
            var sending = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            while (await processor.ProcessBatchAsync(cancellationToken) is { Count: > 0 } batch)
            {
                foreach (var outcome in batch)
                {
                    jobs++;
                    recipients += outcome.Recipients;
                    totals[outcome.Kind] = totals.GetValueOrDefault(outcome.Kind) + 1;
                }

                if (sending.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
                {
                    lastReport = sending.Elapsed;
                    await output.WriteLineAsync(Invariant($"  ... {jobs} jobs done, {recipients} recipients sent ({sending.Elapsed.TotalSeconds:0.0} s)"));
                }
            }

            var seconds = sending.Elapsed.TotalSeconds;
            var rate = seconds > 0 ? recipients / seconds : 0;
            await output.WriteLineAsync(Invariant(
                $"send-digests: {jobs} jobs: {totals.GetValueOrDefault(DigestOutcomeKind.Sent)} sent, {totals.GetValueOrDefault(DigestOutcomeKind.NothingToSend)} nothing new, {totals.GetValueOrDefault(DigestOutcomeKind.Skipped)} skipped, {totals.GetValueOrDefault(DigestOutcomeKind.Poisoned)} poisoned; {recipients} recipients in {seconds:0.00} s ({rate:0} recipients/s); total {stopwatch.Elapsed.TotalSeconds:0.00} s"));
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Operator errors (storage unreachable, bad configuration) get one line, not a stack trace.
            await error.WriteLineAsync($"send-digests: failed: {ex.GetBaseException().Message}");
            return 1;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<KeyValuePair<string, string?>> QuietLogging { get; } =
    [
        new("Logging:LogLevel:Default", "Warning"),
        new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"),
    ];
}
