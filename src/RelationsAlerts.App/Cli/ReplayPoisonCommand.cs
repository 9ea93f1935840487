using System.CommandLine;
using Microsoft.Extensions.Options;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.Azure;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Cli;

/// <summary>
/// <c>replay-poison [--max N]</c>: moves digest requests from <c>digest-requests-poison</c> back to <c>digest-requests</c>
/// (after the cause, e.g. a SendGrid outage or a bad key, is fixed). Reads the same storage settings as <c>serve</c>.
/// </summary>
internal static class ReplayPoisonCommand
{
    public const int DefaultMax = 1000;

    public static Command Verb()
    {
        var max = new Option<int>("--max")
        {
            Description = "Move at most N messages.",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultMax,
        };
        var command = new Command("replay-poison", "Move messages from the digest poison queue back to the digest queue and print how many were moved.") { max };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(max), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(int max, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (max < 1)
        {
            await error.WriteLineAsync("replay-poison: --max must be at least 1.");
            return 2;
        }

        try
        {
            await using var app = RelationsAlertsBuilder.Build([], HostingMode.RunOnce, QuietLogging);
            var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var moved = await app.Services.GetRequiredService<IDigestQueue>().ReplayPoisonAsync(max, cancellationToken);
            var more = moved == max ? " (--max reached; run again to move more)" : string.Empty;
            await output.WriteLineAsync($"replay-poison: moved {moved} message(s) from {storage.PoisonQueueName} to {storage.DigestQueueName}{more}");
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Operator errors (storage unreachable, bad configuration) get one line, not a stack trace.
            await error.WriteLineAsync($"replay-poison: failed: {ex.GetBaseException().Message}");
            return 1;
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> QuietLogging { get; } =
    [
        new("Logging:LogLevel:Default", "Warning"),
        new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"),
    ];
}
