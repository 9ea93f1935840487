using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Infra;

/// <summary>
/// Runs <c>infra/validate.sh --out DIR</c> once and exposes the compiled ARM JSON (main.json and the compiled
/// .bicepparam files). Tests skip only when the Bicep CLI package cannot be restored (no NuGet access).
/// </summary>
public sealed partial class CompiledTemplateFixture : IAsyncLifetime
{
    private string? directory;
    private string? skipReason;
    private JsonObject? template;

    public int ExitCode { get; private set; }

    public string Log { get; private set; } = string.Empty;

    /// <summary>Compiled main.json; skips the calling test when the Bicep CLI could not be restored.</summary>
    public JsonObject Template
    {
        get
        {
            SkipIfUnavailable();
            return template ?? throw new InvalidOperationException("infra/validate.sh --out kept no main.json:\n" + Log);
        }
    }

    /// <summary>The compiled parameter files (main.dev.json, main.prod.json, …) by file name.</summary>
    public IReadOnlyDictionary<string, JsonObject> ParameterFiles { get; private set; } = new Dictionary<string, JsonObject>();

    public void SkipIfUnavailable()
    {
        if (skipReason is not null)
        {
            Assert.Skip(skipReason);
        }
    }

    public async ValueTask InitializeAsync()
    {
        directory = Directory.CreateTempSubdirectory("arm-").FullName;
        (ExitCode, Log) = await ProcessRunner.RunAsync("bash", [RepositoryPaths.Combine("infra", "validate.sh"), "--out", directory]);
        if (ExitCode != 0 && Log.Contains("validate.sh: dotnet restore of", StringComparison.Ordinal))
        {
            skipReason = "The Bicep CLI package (Azure.Bicep.CommandLine.linux-x64) could not be restored, so the templates cannot be compiled here:\n" + Log;
            return;
        }

        var main = Path.Combine(directory, "main.json");
        if (File.Exists(main))
        {
            template = JsonNode.Parse(await File.ReadAllTextAsync(main))!.AsObject();
        }

        ParameterFiles = Directory.GetFiles(directory, "main.*.json")
            .ToDictionary(f => Path.GetFileName(f), f => JsonNode.Parse(File.ReadAllText(f))!.AsObject(), StringComparer.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        if (directory is not null && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Every resource of main.json and of its nested module deployments, with the template that declares it.</summary>
    public IEnumerable<(JsonObject Resource, JsonObject Template)> Resources() => ResourcesOf(Template);

    /// <summary>Resources of one type; fails unless there is exactly one.</summary>
    public (JsonObject Resource, JsonObject Template) OnlyResource(string type)
    {
        var matches = Resources().Where(r => Type(r.Resource) == type).ToList();
        Assert.True(matches.Count == 1, $"expected exactly one {type}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>Nested module templates (main.json included), e.g. to read their parameters and variables.</summary>
    public IEnumerable<JsonObject> Templates() => TemplatesOf(Template);

    public static string Type(JsonObject resource) => (string)resource["type"]!;

    /// <summary>
    /// Resolves a <c>[variables('x')]</c> or <c>[variables('x').y]</c> expression against the declaring template;
    /// other values are returned as their JSON text (strings unquoted).
    /// </summary>
    public static string Resolve(JsonNode? value, JsonObject declaringTemplate)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            var match = VariableReference().Match(text);
            if (!match.Success)
            {
                return text;
            }

            var resolved = declaringTemplate["variables"]?[match.Groups["name"].Value];
            if (match.Groups["property"].Success)
            {
                resolved = resolved?[match.Groups["property"].Value];
            }

            return resolved is null ? text : Resolve(resolved, declaringTemplate);
        }

        return value?.ToJsonString() ?? "null";
    }

    /// <summary>The role definition GUID of a role assignment (literal or taken from a variable).</summary>
    public static string RoleId(JsonObject assignment, JsonObject declaringTemplate)
    {
        var expression = (string)assignment["properties"]!["roleDefinitionId"]!;
        var literal = GuidPattern().Match(expression);
        if (literal.Success)
        {
            return literal.Value;
        }

        var variable = VariableInside().Match(expression);
        Assert.True(variable.Success, "cannot resolve roleDefinitionId " + expression);
        return GuidPattern().Match(Resolve("[" + variable.Value + "]", declaringTemplate)).Value;
    }

    private static IEnumerable<(JsonObject, JsonObject)> ResourcesOf(JsonObject template)
    {
        foreach (var resource in ResourceList(template))
        {
            yield return (resource, template);
            if (Type(resource) == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<JsonObject> TemplatesOf(JsonObject template)
    {
        yield return template;
        foreach (var resource in ResourceList(template))
        {
            if (Type(resource) == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in TemplatesOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    // Bicep emits an array, or an object keyed by symbolic name with languageVersion 2.0.
    private static IEnumerable<JsonObject> ResourceList(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    [GeneratedRegex(@"^\[variables\('(?<name>\w+)'\)(\.(?<property>\w+))?\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"variables\('\w+'\)(\.\w+)?")]
    private static partial Regex VariableInside();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
