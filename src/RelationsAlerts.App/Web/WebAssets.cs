using System.Security.Cryptography;
using System.Text;

namespace RelationsAlerts.App.Web;

/// <summary>
/// The stylesheet and the one script, served same-origin so the CSP needs no inline allowances. The URLs carry a hash
/// of the content, so a changed asset is fetched anew despite the public cache.
/// </summary>
internal static class WebAssets
{
    public const string StylesheetPath = "/api/web/site.css";
    public const string ScriptPath = "/api/web/timezone.js";

    public static string StylesheetUrl { get; } = StylesheetPath + "?v=" + Version(Stylesheet);

    public static string ScriptUrl { get; } = ScriptPath + "?v=" + Version(Script);

    /// <summary>
    /// Pre-selects the browser's IANA zone in a time-zone list marked <c>data-prefill="browser"</c> (the sign-up form
    /// before the person chose one). Without JavaScript the list keeps its default.
    /// </summary>
    public const string Script =
        """
        (function () {
          "use strict";
          var select = document.querySelector("select[data-prefill='browser']");
          if (!select || !window.Intl || !Intl.DateTimeFormat) { return; }
          var zone;
          try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
          for (var i = 0; i < select.options.length; i++) {
            if (select.options[i].value === zone) { select.selectedIndex = i; return; }
          }
        })();
        """;

    public const string Stylesheet =
        """
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #f4f5f7; }
        .wrap { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
        a { color: #1d4ed8; text-underline-offset: 0.15em; }
        a:hover { color: #1e3a8a; }
        :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .skip { position: absolute; left: -999px; top: 0; background: #ffffff; padding: 0.5rem 1rem; z-index: 10; }
        .skip:focus { left: 1rem; }
        header.site { background: #0b6e4f; color: #ffffff; }
        header.site .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
        .brand { color: #ffffff; font-weight: 700; font-size: 1.25rem; text-decoration: none; display: flex; flex-direction: column; line-height: 1.2; }
        .brand:hover { color: #ffffff; }
        .tagline { font-weight: 400; font-size: 0.85rem; }
        header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
        header.site nav a { color: #ffffff; text-decoration: none; padding: 0.25rem 0; border-bottom: 2px solid transparent; }
        header.site nav a:hover, header.site nav a[aria-current="page"] { border-bottom-color: #ffffff; }
        main.wrap { background: #ffffff; padding: 1.5rem 1rem 2rem; margin: 1.5rem auto; border-radius: 6px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }
        main:focus { outline: none; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 0.75rem; }
        h2 { font-size: 1.15rem; line-height: 1.3; margin: 1.25rem 0 0.5rem; }
        .lead { font-size: 1.1rem; }
        .muted, .meta, .hint, .desc { color: #4b5563; }
        .meta { font-size: 0.9rem; margin: 0.25rem 0; }
        .hint, .desc { font-size: 0.9rem; margin: 0.1rem 0 0.4rem; }
        footer.site { font-size: 0.85rem; color: #4b5563; padding-bottom: 2rem; }
        form { margin: 0; }
        .field { margin: 0 0 1.25rem; }
        fieldset.field { border: 0; padding: 0; min-width: 0; }
        label, legend { font-weight: 600; display: block; margin-bottom: 0.25rem; padding: 0; }
        input[type="email"], input[type="date"], select { font: inherit; color: inherit; width: 100%; max-width: 26rem; padding: 0.5rem 0.6rem; border: 2px solid #6b7280; border-radius: 4px; background: #ffffff; height: 2.75rem; }
        input[aria-invalid="true"], select[aria-invalid="true"] { border-color: #b91c1c; }
        .choices { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.5rem 1rem; }
        .choice { display: grid; grid-template-columns: 1.5rem 1fr; align-items: start; align-content: start; column-gap: 0.4rem; padding: 0.35rem 0; }
        .choice input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; accent-color: #0b6e4f; }
        .choice label { margin: 0; }
        .choice .desc { grid-column: 2; margin: 0; }
        .row { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
        .row .field { flex: 1 1 12rem; }
        button, .button { font: inherit; font-weight: 600; display: inline-block; padding: 0.65rem 1.25rem; min-height: 2.75rem; color: #ffffff; background: #0b6e4f; border: 2px solid #0b6e4f; border-radius: 4px; cursor: pointer; text-decoration: none; }
        button:hover, .button:hover { background: #095c42; color: #ffffff; }
        button.secondary { background: #ffffff; color: #0b6e4f; }
        .error { color: #b91c1c; font-weight: 600; margin: 0.1rem 0 0.4rem; }
        .error-summary { border: 3px solid #b91c1c; border-radius: 4px; padding: 0.75rem 1rem; margin-bottom: 1.5rem; }
        .error-summary h2 { margin-top: 0; color: #b91c1c; }
        .error-summary ul { margin: 0; padding-left: 1.25rem; }
        .notice { border-left: 5px solid #0b6e4f; background: #ecfdf5; padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
        .filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0 1rem; margin-bottom: 0.5rem; }
        .filters .field { flex: 1 1 12rem; margin-bottom: 0.75rem; }
        .filters button { margin-bottom: 0.75rem; height: 2.75rem; padding-top: 0; padding-bottom: 0; }
        .stories { list-style: none; margin: 1rem 0; padding: 0; }
        .story { border-top: 1px solid #e5e7eb; padding: 1rem 0; }
        .story h2 { margin: 0 0 0.25rem; font-size: 1.1rem; }
        .story p { margin: 0.25rem 0; }
        .tags { list-style: none; padding: 0; margin: 0.4rem 0 0; display: flex; flex-wrap: wrap; gap: 0.4rem; }
        .tags a { display: inline-block; font-size: 0.85rem; padding: 0.1rem 0.6rem; border: 1px solid #0b6e4f; border-radius: 999px; color: #0b6e4f; text-decoration: none; }
        .tags a:hover { background: #ecfdf5; }
        .reports { padding-left: 1.25rem; }
        .reports li { margin-bottom: 1rem; }
        .reports p { margin: 0.15rem 0; }
        .pager { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem; border-top: 1px solid #e5e7eb; padding-top: 1rem; }
        @media (max-width: 30rem) { h1 { font-size: 1.35rem; } main.wrap { border-radius: 0; margin-top: 0; } }
        """;

    private static string Version(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)).AsSpan(0, 6));
}
