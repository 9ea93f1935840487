using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using RelationsAlerts.Benchmarks;

// Usage: dotnet run -c Release -- --job short --filter '*'   (any BenchmarkDotNet arguments; see ../run-keyword-bench.sh)
var config = DefaultConfig.Instance.AddColumn(new ThroughputColumn());
var summaries = BenchmarkSwitcher.FromAssembly(typeof(KeywordBenchmarks).Assembly).Run(args, config).ToList();

var rates = summaries
    .SelectMany(s => s.BenchmarksCases.Select(c => (Method: c.Descriptor.WorkloadMethod.Name, Rate: ThroughputColumn.Of(s, c))))
    .Where(r => r.Rate is not null)
    .ToDictionary(r => r.Method, r => r.Rate!.Value, StringComparer.Ordinal);

Console.WriteLine();
Console.WriteLine($"corpus: {KeywordBenchmarks.BytesPerOperation[nameof(KeywordBenchmarks.Automaton)]} bytes UTF-8 (MB = 10^6 bytes)");
Print("automaton MB/s", nameof(KeywordBenchmarks.Automaton));
Print("baseline MB/s", nameof(KeywordBenchmarks.RegexPerKeyword));
if (rates.TryGetValue(nameof(KeywordBenchmarks.Automaton), out var automaton) && rates.TryGetValue(nameof(KeywordBenchmarks.RegexPerKeyword), out var baseline))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio {automaton / baseline:0.00}"));
}

Print("automaton scan-only MB/s", nameof(KeywordBenchmarks.AutomatonScanOnly));
Print("normalize-only MB/s", nameof(KeywordBenchmarks.NormalizeOnly));
return rates.Count > 0 ? 0 : 1;

void Print(string label, string method)
{
    if (rates.TryGetValue(method, out var rate))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {rate:0.0}"));
    }
}
