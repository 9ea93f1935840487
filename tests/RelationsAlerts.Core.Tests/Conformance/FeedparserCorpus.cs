using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RelationsAlerts.Core.Tests.Conformance;

/// <summary>
/// The test documents of Python feedparser (BSD-2-Clause), kept outside the repository at
/// &lt;repo&gt;/../shared/conformance/feedparser. Each file opens with a comment holding Description, Expect and Header lines.
/// </summary>
public static partial class FeedparserCorpus
{
    private static readonly Lazy<string?> RootPath = new(FindRoot);

    /// <summary>feedparser's tests serve the corpus from this address (its expectations contain it).</summary>
    private static readonly Uri TestServer = new("http://127.0.0.1:8097/");

    /// <summary>The corpus directory, or null when it is not present on this machine.</summary>
    public static string? Root => RootPath.Value;

    public static string SkipReason =>
        "feedparser conformance corpus not found: expected <dir of RelationsAlerts.sln>/../shared/conformance/feedparser (searched up from "
        + AppContext.BaseDirectory + ")";

    public static IEnumerable<string> XmlFiles(string root, params string[] folders) =>
        (folders.Length == 0 ? [root] : folders.Select(f => Path.Combine(root, f)))
        .Where(Directory.Exists)
        .SelectMany(d => Directory.EnumerateFiles(d, "*.xml", SearchOption.AllDirectories))
        .Order(StringComparer.Ordinal);

    /// <summary>The leading comment of a corpus file, decoded by BOM or first bytes (UTF-32/16 BE/LE, UTF-8), else as UTF-8.</summary>
    public static string Header(byte[] bytes)
    {
        var encoding = bytes switch
        {
            [0xFF, 0xFE, 0, 0, ..] or [0x3C, 0, 0, 0, ..] => new UTF32Encoding(false, true),
            [0, 0, 0xFE, 0xFF, ..] or [0, 0, 0, 0x3C, ..] => new UTF32Encoding(true, true),
            [0xFF, 0xFE, ..] or [0x3C, 0, ..] => new UnicodeEncoding(false, true),
            [0xFE, 0xFF, ..] or [0, 0x3C, ..] => new UnicodeEncoding(true, true),
            _ => (Encoding)new UTF8Encoding(true),
        };
        var text = encoding.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var end = text.IndexOf("-->", StringComparison.Ordinal);
        return end < 0 ? "" : text[..end];
    }

    /// <summary>The value of the first <c>Header: Content-type: …</c> line, if any.</summary>
    public static string? ContentType(string header) =>
        HeaderLineRegex().Matches(header)
            .Where(m => m.Groups[1].Value.Trim().Equals("Content-type", StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Groups[2].Value.Trim())
            .FirstOrDefault();

    public static string? Expect(string header) => ExpectLineRegex().Match(header) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Decodes the body of a Python string literal (escapes \\, \', \", \n, \t, \r, \xNN, \uNNNN, \UNNNNNNNN).</summary>
    public static string UnescapePython(string literal) =>
        PythonEscapeRegex().Replace(literal, m => m.Groups[1].Value switch
        {
            "n" => "\n",
            "t" => "\t",
            "r" => "\r",
            var e when e.Length > 1 => char.ConvertFromUtf32(int.Parse(e[1..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
            var e => e,
        });

    /// <summary>The folder a file is reported under: <c>wellformed/rss</c>, <c>illformed/chardet</c>, <c>encoding</c>, <c>entities</c>, ….</summary>
    public static string Folder(string relative)
    {
        var parts = relative.Split('/');
        return parts.Length > 2 ? parts[0] + "/" + parts[1] : parts[0];
    }

    /// <summary>
    /// The URL feedparser's own test server serves the file under (relative links in the expectations are resolved against
    /// it), or the <c>Content-Location</c> header resolved against that URL when the file simulates one.
    /// </summary>
    public static Uri DocumentUrl(string relative, string header)
    {
        var url = new Uri(TestServer, "tests/" + relative);
        var location = HeaderLineRegex().Matches(header)
            .Where(m => m.Groups[1].Value.Trim().Equals("Content-Location", StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Groups[2].Value.Trim())
            .FirstOrDefault();
        return location is not null && Uri.TryCreate(url, location, out var resolved) && resolved.Scheme is "http" or "https" ? resolved : url;
    }

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationsAlerts.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "feedparser"));
                return Directory.Exists(corpus) ? corpus : null;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^Header:\s+([^:]+):(.*)$", RegexOptions.Multiline)]
    private static partial Regex HeaderLineRegex();

    [GeneratedRegex(@"^Expect:\s*(.*?)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExpectLineRegex();

    [GeneratedRegex(@"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\\'""ntr])")]
    private static partial Regex PythonEscapeRegex();
}
