using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RelationsAlerts.Benchmarks;

/// <summary>MB/s (10^6 bytes of UTF-8 input per second) from the mean time of one operation.</summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Throughput: megabytes (10^6 bytes, UTF-8) of input per second, from the mean";

    /// <summary>MB/s of <paramref name="benchmarkCase"/>, or null when it has no result or no known input size.</summary>
    public static double? Of(Summary summary, BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 && KeywordBenchmarks.BytesPerOperation.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var bytes)
            ? bytes / 1e6 / (mean.Value / 1e9)
            : null;
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        Of(summary, benchmarkCase) is { } mbps ? mbps.ToString("0.0", CultureInfo.InvariantCulture) : "NA";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public override string ToString() => ColumnName;
}
