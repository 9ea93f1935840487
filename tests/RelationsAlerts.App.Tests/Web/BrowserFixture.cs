using Microsoft.Playwright;
using RelationsAlerts.Azure.Tests.Infrastructure;

namespace RelationsAlerts.App.Tests.Web;

/// <summary>
/// Debian's Chromium driven by Playwright's bundled driver (its own browser download is never used). Without
/// /usr/bin/chromium the browser tests skip; CI installs it in .ci/run.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string SkipReason = "Chromium is not installed at " + ChromiumPath + " (apt-get install -y chromium); browser tests skipped.";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public static bool Available => File.Exists(ChromiumPath);

    public static string ScreenshotDirectory { get; } = RepositoryPaths.Combine("TestResults", "screenshots");

    public IBrowser Browser => browser ?? throw new InvalidOperationException(SkipReason);

    public async ValueTask InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        playwright = await Playwright.CreateAsync();
        // Playwright gives each launch a new empty profile (--user-data-dir); the rest are the flags this machine needs:
        // its closed network refuses Chromium's background connections.
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            ChromiumSandbox = false,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
