using System.CommandLine;
using RelationsAlerts.App.Hosting;

namespace RelationsAlerts.App.Cli;

/// <summary>The executable's verbs. The Functions host starts it with <c>serve</c> (see host.json).</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("RelationsAlerts: Pakistan–Belarus news alerts. An Azure Functions custom handler that also runs on its own.");
        root.Subcommands.Add(ServeCommand());
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(AnalyzeVerb());
        root.Subcommands.Add(ParseFeedVerb());
        root.Subcommands.Add(ReplayPoisonCommand.Verb());
        root.Subcommands.Add(SendDigestsCommand.Verb());
        root.Subcommands.Add(OpenApiCommand.Verb());
        return root.Parse(args).InvokeAsync();
    }

    private static Command ServeCommand()
    {
        var command = new Command("serve", "Serve the HTTP endpoints. Under the Functions host (FUNCTIONS_CUSTOMHANDLER_PORT set) answer its trigger calls; otherwise also schedule PollFeeds and listen on the digest queue.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var mode = string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RelationsAlertsBuilder.FunctionsPortVariable))
                ? HostingMode.Standalone
                : HostingMode.FunctionsHost;
            await using var app = RelationsAlertsBuilder.Build([.. parse.UnmatchedTokens], mode);
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command AnalyzeVerb()
    {
        var input = new Option<FileInfo>("--input") { Description = "JSON Lines file of {\"id\",\"title\",\"summary\",...}; '-' reads standard input.", Required = true };
        var command = new Command("analyze", "Classify items (relevance, score, sectors, reasons) as the poller does; one JSON line out per line in.") { input };
        command.SetAction((parse, cancellationToken) => AnalyzeCommand.ExecuteAsync(parse.GetValue(input)!, Console.Out, cancellationToken));
        return command;
    }

    private static Command ParseFeedVerb()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Feed files, or directories searched recursively for *.xml and *.json.", Arity = ArgumentArity.OneOrMore };
        var baseUrl = new Option<Uri?>("--base-url") { Description = "Resolve relative links against this URL (default: the file's own path, which leaves them out).", HelpName = "URL" };
        var command = new Command("parse-feed", "Parse saved RSS/Atom/RDF (XML) or GDELT ArtList (JSON) documents as the poller does; one JSON object out per document.") { paths, baseUrl };
        command.SetAction((parse, cancellationToken) => ParseFeedCommand.ExecuteAsync(parse.GetValue(paths)!, parse.GetValue(baseUrl), Console.Out, cancellationToken));
        return command;
    }

    private static Command RunCommand()
    {
        var once = new Option<bool>("--once") { Description = "Poll every due feed once, send the queued digests, print a summary and exit." };
        var samples = new Option<DirectoryInfo?>("--samples")
        {
            Description = "Serve DIR/feeds/*.xml on a loopback port and poll them, and import DIR/subscribers.json (local demo runs only).",
            HelpName = "DIR",
        };
        var all = new Option<bool>("--all") { Description = "Poll every feed that is not paused, whether it is due or not (after a configuration change; benchmarks)." };
        var command = new Command("run", "Run the pipeline from the command line.") { once, samples, all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!parse.GetValue(once))
            {
                await Console.Error.WriteLineAsync("run: only --once is supported; use 'serve' to run continuously.");
                return 2;
            }

            try
            {
                return await RunOnceCommand.ExecuteAsync(parse.GetValue(samples), parse.GetValue(all), Console.Out, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Expected operator errors (storage unreachable, bad configuration) get one line, not a stack trace.
                await Console.Error.WriteLineAsync($"run: failed: {ex.GetBaseException().Message}");
                return 1;
            }
        });
        return command;
    }
}
