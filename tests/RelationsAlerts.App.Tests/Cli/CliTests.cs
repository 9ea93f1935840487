using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Cli;

/// <summary>The executable's verbs, run as a separate process the way an operator runs them.</summary>
public sealed class CliTests
{
    private static readonly string Handler = Path.Combine(AppContext.BaseDirectory, "handler.dll");

    [Fact]
    public async Task Help_ListsVerbs()
    {
        // Act
        var (exitCode, output) = await RunAsync(new Dictionary<string, string>(), "--help");

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Contains("serve", output, StringComparison.Ordinal);
        Assert.Contains("run", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_OverSamples_PrintsSummaryAndWritesDigests()
    {
        // Arrange
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var mail = Directory.CreateTempSubdirectory("cli-mail-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Mail__OutputDirectory"] = mail,
        };

        try
        {
            // Act
            var (exitCode, output) = await RunAsync(environment, "run", "--once", "--samples", RepositoryPaths.Combine("samples"));

            // Assert
            Assert.True(exitCode == 0, output);
            Assert.Contains("Summary: feeds 5 (0 failed), items kept 22 (22 new), items dropped 18, digests sent 4", output, StringComparison.Ordinal);
            Assert.Equal(4, Directory.GetFiles(mail, "*.eml").Length);
        }
        finally
        {
            Directory.Delete(mail, recursive: true);
        }
    }

    [Fact]
    public async Task Analyze_WritesOneJsonLinePerInput_AndSurvivesBadLines()
    {
        // Arrange
        var input = Path.GetTempFileName();
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"a","title":"Pakistan, Belarus sign agreement on tractor assembly","summary":"Islamabad and Minsk signed an MoU.","lang":"en"}""",
            "{ broken",
            """{"id":"c","title":"IMF approves Pakistan tranche","summary":"Islamabad welcomed it."}""",
        ], TestContext.Current.CancellationToken);

        try
        {
            // Act
            var (exitCode, output) = await RunAsync(new Dictionary<string, string>(), "analyze", "--input", input);

            // Assert
            Assert.Equal(0, exitCode);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(3, lines.Count);
            Assert.True(lines[0].GetProperty("relevant").GetBoolean());
            Assert.Contains("agriculture", lines[0].GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, lines[0].GetProperty("story").ValueKind);
            Assert.NotEmpty(lines[0].GetProperty("reasons").EnumerateArray());
            Assert.True(lines[1].TryGetProperty("error", out _));
            Assert.False(lines[2].GetProperty("relevant").GetBoolean());
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Fact]
    public async Task RunOnce_FailsWithOneLine_WhenStorageIsNotConfigured()
    {
        // Act
        var (exitCode, output) = await RunAsync(new Dictionary<string, string> { ["AzureWebJobsStorage"] = "" }, "run", "--once");

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("run: failed:", output, StringComparison.Ordinal);
        Assert.Contains("Storage:ConnectionString", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_GivesReportsOfOneEvent_TheSameStory()
    {
        // Arrange: an English report and its Russian translation (listed first), an unrelated item, a negative.
        var input = Path.GetTempFileName();
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"ru","title":"МАЗ поставит 150 автобусов в Карачи","summary":"Контракт с правительством провинции Синд на поставку городских автобусов МАЗ и их сборку. Беларусь и Пакистан расширяют сотрудничество.","published":"2026-11-13T08:00:00Z","lang":"ru"}""",
            """{"id":"en","title":"Sindh signs deal for 150 MAZ buses from Belarus, local assembly","summary":"The Sindh government signed a contract with Belarusian automaker MAZ for 150 city buses for Karachi, Pakistan.","published":"2026-11-12T08:30:00Z","lang":"en"}""",
            """{"id":"other","title":"Belarus offers 100 scholarships to Pakistani students","summary":"Under an agreement with Pakistan's Higher Education Commission, Belarus will fund 100 places.","published":"2026-11-12T09:00:00Z"}""",
            """{"id":"neg","title":"IMF approves Pakistan tranche","summary":"Islamabad welcomed it.","published":"2026-11-12T10:00:00Z"}""",
        ], TestContext.Current.CancellationToken);

        try
        {
            // Act
            var (exitCode, output) = await RunAsync(new Dictionary<string, string>(), "analyze", "--input", input);

            // Assert
            Assert.Equal(0, exitCode);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
                .ToDictionary(l => l.GetProperty("id").GetString()!, l => l.GetProperty("story").GetString());
            Assert.Equal(["ru", "en", "other", "neg"], lines.Keys);
            Assert.StartsWith("st-", lines["en"], StringComparison.Ordinal);
            Assert.Equal(lines["en"], lines["ru"]);
            Assert.Null(lines["other"]);
            Assert.Null(lines["neg"]);
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> environment, params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [Handler, .. args], environment);
}
