using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure;
using RelationsAlerts.Azure.Queues;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Digests;

namespace RelationsAlerts.App.Tests.Cli;

/// <summary><c>handler replay-poison</c>, run as a separate process against Azurite the way an operator runs it.</summary>
public sealed class ReplayPoisonCommandTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private static readonly string Handler = Path.Combine(AppContext.BaseDirectory, "handler.dll");

    [Fact]
    public async Task ReplayPoison_MovesPoisonMessagesBack_AndPrintsCount()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var options = Options.Create(new StorageOptions { ConnectionString = fixture.ConnectionString, DigestQueueName = "dq-" + Guid.NewGuid().ToString("N")[..12] });
        await new StorageInitializer(fixture.TableServiceClient(), fixture.QueueServiceClient(), options).InitializeAsync(ct);
        var queue = new StorageDigestQueue(fixture.QueueServiceClient(), options);
        var when = new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero);
        foreach (var subscriber in new[] { "s-1", "s-2", "s-3" })
        {
            await queue.PoisonAsync(DigestRequestSerializer.Serialize(DigestRequest.For(subscriber, when)), "test", ct);
        }

        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = fixture.ConnectionString,
            ["Storage__DigestQueueName"] = options.Value.DigestQueueName,
        };

        // Act
        var (exitCode, output) = await ProcessRunner.RunAsync("dotnet", [Handler, "replay-poison", "--max", "2"], environment);
        var (secondExitCode, secondOutput) = await ProcessRunner.RunAsync("dotnet", [Handler, "replay-poison"], environment);

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Contains($"moved 2 message(s) from {options.Value.PoisonQueueName} to {options.Value.DigestQueueName} (--max reached", output, StringComparison.Ordinal);
        Assert.True(secondExitCode == 0, secondOutput);
        Assert.Contains("moved 1 message(s)", secondOutput, StringComparison.Ordinal);
        Assert.Equal(0, await queue.CountPoisonAsync(ct));
        var main = new QueueClient(fixture.ConnectionString, options.Value.DigestQueueName);
        Assert.Equal(3, (await main.PeekMessagesAsync(32, ct)).Value.Length);
    }

    [Fact]
    public async Task ReplayPoison_FailsWithOneLine_WhenMaxIsZero()
    {
        // Act
        var (exitCode, output) = await ProcessRunner.RunAsync("dotnet", [Handler, "replay-poison", "--max", "0"]);

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains("--max must be at least 1", output, StringComparison.Ordinal);
    }
}
