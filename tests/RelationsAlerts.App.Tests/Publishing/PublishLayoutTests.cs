using System.IO.Compression;
using System.Text.Json;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Tests.Publishing;

/// <summary>The deployment package (scripts/package.sh) is what the Functions host needs: host.json and function folders at the root, one executable.</summary>
public sealed class PublishLayoutTests
{
    private static readonly string FunctionsDirectory = RepositoryPaths.Combine("src", "RelationsAlerts.App", "Functions");

    [Fact]
    [Trait("Category", "Publish")]
    public async Task PackageScript_BuildsZipWithFunctionsLayout_AndExecutableHandler()
    {
        // Arrange
        var output = Directory.CreateTempSubdirectory("package-").FullName;
        var zipPath = Path.Combine(output, "relationsalerts.zip");
        var functionFolders = Directory.GetDirectories(FunctionsDirectory)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName)
            .ToList();
        try
        {
            // Act
            var (exitCode, log) = await ProcessRunner.RunAsync("bash", [RepositoryPaths.Combine("scripts", "package.sh"), zipPath]);

            // Assert
            Assert.True(exitCode == 0, log);
            Assert.Contains(zipPath, log, StringComparison.Ordinal);
            using var zip = ZipFile.OpenRead(zipPath);
            var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
            string[] required =
            [
                "host.json", "handler", "appsettings.json",
                "PollFeeds/function.json", "SendDigest/function.json", "ScheduleDigests/function.json", "Health/function.json",
                .. functionFolders.Select(f => f + "/function.json"),
            ];
            foreach (var name in required)
            {
                Assert.True(entries.ContainsKey(name), $"{name} missing from the package; it has: {string.Join(", ", entries.Keys)}");
            }

            foreach (var folder in functionFolders)
            {
                using var reader = new StreamReader(entries[folder + "/function.json"].Open());
                Assert.Equal(await File.ReadAllTextAsync(Path.Combine(FunctionsDirectory, folder!, "function.json"), TestContext.Current.CancellationToken), await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
            }

            // Unix mode in the high 16 bits of the external attributes: regular file, rwxr-xr-x.
            var handlerMode = (uint)entries["handler"].ExternalAttributes >> 16;
            Assert.Equal(0x8000u, handlerMode & 0xF000u);
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                (UnixFileMode)(handlerMode & 0x1FFu));
            Assert.True(entries["handler"].Length > 1024 * 1024, "the handler must be the self-contained executable");
            Assert.DoesNotContain(entries.Keys, k => Path.GetFileName(k) is "handler.dll" or "local.settings.json");
            Assert.DoesNotContain(entries.Keys, k => k.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) || k.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void HostJson_AgreesWithStandaloneDefaults()
    {
        // Arrange
        using var host = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("host.json")));
        using var sendDigest = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("src", "RelationsAlerts.App", "Functions", "SendDigest", "function.json")));
        using var pollFeeds = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("src", "RelationsAlerts.App", "Functions", "PollFeeds", "function.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");
        var trigger = sendDigest.RootElement.GetProperty("bindings")[0];

        // Assert: both hosting modes retry, poison and schedule alike.
        Assert.Equal(new QueueOptions().MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(new QueueOptions().VisibilityTimeout, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.Equal(new StorageOptions().DigestQueueName, trigger.GetProperty("queueName").GetString());
        Assert.Equal("binary", trigger.GetProperty("dataType").GetString());
        Assert.Equal("%PollFeedsSchedule%", pollFeeds.RootElement.GetProperty("bindings")[0].GetProperty("schedule").GetString());
        Assert.Equal("handler", host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("[4.*, 5.0.0)", host.RootElement.GetProperty("extensionBundle").GetProperty("version").GetString());
        Assert.NotNull(Cronos.CronExpression.Parse(new PollingOptions().Schedule, Cronos.CronFormat.IncludeSeconds));
    }
}
