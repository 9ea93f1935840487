using Microsoft.Playwright;
using RelationsAlerts.App.Tests.Web;
using RelationsAlerts.Azure.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RelationsAlerts.App.Tests.Admin;

/// <summary>
/// The API reference page in headless Chromium under its own CSP: Scalar renders the document from the app's own
/// scripts, nothing is blocked, nothing is requested from another origin, and "try it" calls reach the admin API.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ApiReferenceBrowserTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<AzuriteFixture>, IClassFixture<BrowserFixture>
{
    private const string EvalProbe = "script-src eval";

    [Fact]
    public async Task DocsPage_RendersTheAdminApi_WithoutCspViolationsOrForeignRequests()
    {
        // Arrange
        Assert.SkipUnless(BrowserFixture.Available, BrowserFixture.SkipReason);
        await using var host = await AdminTesting.StartAsync(azurite);
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB" });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var requested = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Request += (_, request) => requested.Add(request.Url);
        // Chromium reports blocked loads and inline code as securitypolicyviolation events; collect them from the page.
        await page.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");

        // Act
        await page.GotoAsync(new Uri(host.BaseAddress, "/api/docs").AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "RelationsAlerts API", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("X-Api-Key").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "feeds", Exact = true }).ClickAsync();
        await Expect(page.GetByText("/api/admin/feeds/{id}/pause").First).ToBeAttachedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "20-api-docs.png") });
        var status = await page.EvaluateAsync<int>(
            "key => fetch('/api/admin/stats', { headers: { 'X-Api-Key': key } }).then(r => r.status)", AdminTesting.ApiKey);
        var violations = await page.EvaluateAsync<string[]>("window.__cspViolations");

        // Assert. One refusal is expected and harmless: the bundled zod probes `try { Function("") } catch` once to choose
        // between its compiled and its plain validators; without 'unsafe-eval' it takes the plain ones.
        Assert.Equal("/api/docs/", new Uri(page.Url).AbsolutePath);
        Assert.Equal(200, status);
        Assert.All(violations, v => Assert.Equal(EvalProbe, v));
        Assert.All(problems, p => Assert.Contains("'unsafe-eval'", p, StringComparison.Ordinal));
        Assert.Contains(requested, url => url.EndsWith("/api/openapi.json", StringComparison.Ordinal));
        Assert.All(requested, url => Assert.True(
            url.StartsWith(host.BaseAddress.AbsoluteUri, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
            $"requested from another origin: {url}"));
    }
}
