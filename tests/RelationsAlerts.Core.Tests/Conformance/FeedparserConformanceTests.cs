using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Conformance;

/// <summary>Runs <see cref="FeedParser"/> over the Python feedparser test corpus (see /work/shared/reference/feeds.md §4).</summary>
public sealed partial class FeedparserConformanceTests
{
    /// <summary>
    /// Minimum share of mappable <c>Expect:</c> checks that must pass, per folder (measured values in the comments; see
    /// <see cref="FeedparserExpect"/> for what is mappable). Other folders are reported, not asserted.
    /// </summary>
    private static readonly Dictionary<string, double> MinimumPassRatio = new(StringComparer.Ordinal)
    {
        ["wellformed/rss"] = 0.97,
        ["wellformed/atom10"] = 0.97,
        ["wellformed/rdf"] = 0.97,
        ["encoding"] = 0.97,
        ["entities"] = 0.97,
    };

    [Fact]
    public void Parse_ReturnsOrThrowsFeedParseException_ForEveryCorpusFile()
    {
        // Arrange
        var root = FeedparserCorpus.Root;
        if (root is null)
        {
            Assert.Skip(FeedparserCorpus.SkipReason);
        }

        var files = FeedparserCorpus.XmlFiles(root).ToList();
        var output = TestContext.Current.TestOutputHelper!;
        var failures = new List<string>();
        var rejections = new List<(string File, string Message)>();
        var perFolder = new SortedDictionary<string, (int Parsed, int Rejected)>(StringComparer.Ordinal);
        var slowest = (File: "", Elapsed: TimeSpan.Zero);
        var total = Stopwatch.StartNew();

        // Act
        foreach (var file in files)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            var relative = FeedparserCorpus.Relative(root, file);
            var folder = FeedparserCorpus.Folder(relative);
            var bytes = File.ReadAllBytes(file);
            var contentType = FeedparserCorpus.ContentType(FeedparserCorpus.Header(bytes));
            var counts = perFolder.GetValueOrDefault(folder);
            var watch = Stopwatch.StartNew();
            try
            {
                FeedParser.Parse(bytes, contentType, FeedparserCorpus.DocumentUrl(relative, FeedparserCorpus.Header(bytes)));
                counts.Parsed++;
            }
            catch (FeedParseException ex)
            {
                counts.Rejected++;
                rejections.Add((relative, ex.Message));
            }
#pragma warning disable CA1031 // Any other exception type is exactly what this test looks for.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"{relative}: {ex.GetType().Name}: {ex.Message}");
            }

            if (watch.Elapsed > slowest.Elapsed)
            {
                slowest = (relative, watch.Elapsed);
            }

            perFolder[folder] = counts;
        }

        // Assert
        var parsed = perFolder.Values.Sum(c => c.Parsed);
        var rejected = perFolder.Values.Sum(c => c.Rejected);
        output.WriteLine($"Tier A: {files.Count} files, {parsed} parsed, {rejected} rejected (FeedParseException), {failures.Count} other exceptions, {total.Elapsed.TotalSeconds:0.0} s");
        foreach (var (folder, counts) in perFolder)
        {
            output.WriteLine($"  {folder}: {counts.Parsed} parsed, {counts.Rejected} rejected");
        }

        output.WriteLine($"  slowest file: {slowest.File} ({slowest.Elapsed.TotalMilliseconds:0} ms)");
        foreach (var failure in failures)
        {
            output.WriteLine("FAIL " + failure);
        }

        foreach (var reason in rejections.GroupBy(r => LineNumberRegex().Replace(r.Message, "N")).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"  {reason.Count(),4} × {reason.Key}");
        }

        foreach (var rejection in rejections.Where(r => r.File.StartsWith("wellformed/", StringComparison.Ordinal)))
        {
            output.WriteLine($"rejected well-formed {rejection.File}: {rejection.Message}");
        }

        Assert.True(files.Count > 0, "the corpus directory holds no .xml files");
        Assert.True(failures.Count == 0, $"{failures.Count} files threw something other than FeedParseException:\n" + string.Join('\n', failures.Take(50)));
        var wellformedRejected = rejections.Where(r => r.File.StartsWith("wellformed/", StringComparison.Ordinal)).ToList();
        Assert.True(wellformedRejected.Count == 0, $"{wellformedRejected.Count} well-formed documents were rejected:\n"
            + string.Join('\n', wellformedRejected.Take(50).Select(r => $"{r.File}: {r.Message}")));
    }

    [Fact]
    public void Parse_PassesMappableFeedparserExpectations_PerFolder()
    {
        // Arrange
        var root = FeedparserCorpus.Root;
        if (root is null)
        {
            Assert.Skip(FeedparserCorpus.SkipReason);
        }

        var output = TestContext.Current.TestOutputHelper!;
        var perFolder = new SortedDictionary<string, (int Mappable, int Passed)>(StringComparer.Ordinal);
        var misses = new List<(string Folder, string Line)>();

        // Act
        foreach (var file in FeedparserCorpus.XmlFiles(root))
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            var relative = FeedparserCorpus.Relative(root, file);
            var bytes = File.ReadAllBytes(file);
            var header = FeedparserCorpus.Header(bytes);
            var checks = FeedparserCorpus.Expect(header) is { } expect ? FeedparserExpect.Checks(expect) : [];
            if (checks.Count == 0)
            {
                continue;
            }

            var folder = FeedparserCorpus.Folder(relative);
            ParsedFeed? feed = null;
            string? error = null;
            try
            {
                feed = FeedParser.Parse(bytes, FeedparserCorpus.ContentType(header), FeedparserCorpus.DocumentUrl(relative, header));
            }
            catch (FeedParseException ex)
            {
                error = ex.Message;
            }

            var counts = perFolder.GetValueOrDefault(folder);
            foreach (var check in checks)
            {
                counts.Mappable++;
                var (passed, actual) = feed is null ? (false, $"<{error}>") : FeedparserExpect.Evaluate(check, feed);
                if (passed)
                {
                    counts.Passed++;
                }
                else
                {
                    misses.Add((folder, $"{relative}: {check.Clause} — got {actual}"));
                }
            }

            perFolder[folder] = counts;
        }

        // Assert
        output.WriteLine($"{"folder",-26} {"mappable",8} {"passed",8} {"%",7} {"minimum",8}");
        foreach (var (folder, counts) in perFolder)
        {
            var minimum = MinimumPassRatio.TryGetValue(folder, out var m) ? m.ToString("0.000", CultureInfo.InvariantCulture) : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{folder,-26} {counts.Mappable,8} {counts.Passed,8} {100.0 * counts.Passed / counts.Mappable,6:0.0}% {minimum,8}"));
        }

        var total = (Mappable: perFolder.Values.Sum(c => c.Mappable), Passed: perFolder.Values.Sum(c => c.Passed));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"all",-26} {total.Mappable,8} {total.Passed,8} {100.0 * total.Passed / total.Mappable,6:0.0}%"));
        foreach (var (folder, line) in misses.OrderBy(m => MinimumPassRatio.ContainsKey(m.Folder) ? 0 : 1))
        {
            output.WriteLine("MISS " + line);
        }

        var belowTarget = MinimumPassRatio
            .Select(t => (Folder: t.Key, Minimum: t.Value, Counts: perFolder.GetValueOrDefault(t.Key)))
            .Where(t => t.Counts.Mappable == 0 || t.Counts.Passed / (double)t.Counts.Mappable < t.Minimum)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Folder}: {t.Counts.Passed}/{t.Counts.Mappable} < {t.Minimum:0.000}"))
            .ToList();
        Assert.True(belowTarget.Count == 0, "folders below their minimum pass ratio:\n" + string.Join('\n', belowTarget)
            + "\n" + string.Join('\n', misses.Where(m => MinimumPassRatio.ContainsKey(m.Folder)).Select(m => m.Line)));
    }

    [GeneratedRegex(@"\b(line|Line|position) \d+")]
    private static partial Regex LineNumberRegex();
}
