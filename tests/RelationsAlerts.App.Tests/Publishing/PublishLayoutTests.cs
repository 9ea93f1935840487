using System.Text.Json;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Pipeline;

namespace RelationsAlerts.App.Tests.Publishing;

/// <summary>The deployment package is what the Functions host needs: host.json and function folders at the root, one executable.</summary>
public sealed class PublishLayoutTests
{
    [Fact]
    [Trait("Category", "Publish")]
    public async Task Publish_ProducesFunctionsPackageLayout()
    {
        // Arrange
        var output = Directory.CreateTempSubdirectory("publish-").FullName;
        try
        {
            // Act
            var (exitCode, log) = await ProcessRunner.RunAsync("dotnet", ["publish", RepositoryPaths.Combine("src", "RelationsAlerts.App"), "-c", "Release", "-o", output, "--nologo"]);

            // Assert
            Assert.True(exitCode == 0, log);
            foreach (var file in new[] { "host.json", "PollFeeds/function.json", "SendDigest/function.json", "Health/function.json", "handler", "appsettings.json" })
            {
                Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing from the package");
            }

            Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(output, "handler")).HasFlag(UnixFileMode.UserExecute));
            Assert.False(File.Exists(Path.Combine(output, "handler.dll")), "the handler must be a single self-contained executable");
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
