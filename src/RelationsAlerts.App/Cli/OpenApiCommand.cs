using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using RelationsAlerts.App.Admin;
using RelationsAlerts.App.Hosting;

namespace RelationsAlerts.App.Cli;

/// <summary>
/// <c>openapi [--output FILE]</c>: the document served at <c>/api/openapi.json</c>, made by the same composition root and
/// endpoint registrations and the same generator and JSON writer, without starting a server or touching storage. The
/// only difference is <c>servers</c>: the endpoint names the URL it was requested on; offline there is none.
/// </summary>
internal static class OpenApiCommand
{
    public static Command Verb()
    {
        var output = new Option<FileInfo?>("--output") { Description = "Write the document to FILE instead of standard output.", HelpName = "FILE" };
        var command = new Command("openapi", $"Print the OpenAPI 3 document of the HTTP API (as served at {AdminApi.OpenApiPath}) without starting the app.") { output };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(output), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(FileInfo? output, TextWriter stdout, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            // The RunOnce composition needs no secrets (admin keys, link key); the app is built, never started.
            await using var app = RelationsAlertsBuilder.Build([], HostingMode.RunOnce, Silent);
            PublishEndpoints(app);
            var json = await RenderAsync(app.Services, cancellationToken);
            if (output is null)
            {
                await stdout.WriteLineAsync(json);
            }
            else
            {
                await File.WriteAllTextAsync(output.FullName, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
                await stdout.WriteLineAsync($"openapi: wrote {output.FullName}");
            }

            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"openapi: failed: {ex.GetBaseException().Message}");
            return 1;
        }
    }

    /// <summary>
    /// The app's endpoints reach the routing system (and so API Explorer, which the document generator reads) only when the
    /// host builds the request pipeline on start. <c>UseEndpoints</c> on the app's global route builder is the public step
    /// that registers them; the pipeline it adds to is never run.
    /// </summary>
    public static void PublishEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.UseEndpoints(_ => { });
    }

    /// <summary>What <c>MapOpenApi</c> writes: the keyed document provider's document through <see cref="OpenApiJsonWriter"/> in the configured version.</summary>
    public static async Task<string> RenderAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(AdminApi.OpenApiDocumentName).GetOpenApiDocumentAsync(cancellationToken);
        var version = services.GetRequiredService<IOptionsMonitor<OpenApiOptions>>().Get(AdminApi.OpenApiDocumentName).OpenApiVersion;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        await document.SerializeAsync(new OpenApiJsonWriter(text), version, cancellationToken);
        return text.ToString();
    }

    /// <summary>Standard output carries the document, so no log line may reach it.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> Silent { get; } = [new("Logging:LogLevel:Default", "None")];
}
