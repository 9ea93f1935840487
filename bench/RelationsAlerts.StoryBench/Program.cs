using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RelationsAlerts.Core.Stories;
using RelationsAlerts.StoryBench;

// Story assignment throughput over the in-memory story store (same layout as the table store: one time-ordered list per
// LSH band key). For each size N: file N generated reports as the stored history, then 1,000 new ones, and report the
// time per report. Per-report time stays flat as N grows because a lookup reads only the band keys' rows inside the
// ±3-day window, never the whole history.
// Usage: dotnet run -c Release -- [itemsPerDay=100] [sizes=25000,50000,100000]
var perDay = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var sizes = args.Length > 1 ? args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [25_000, 50_000, 100_000];
const int NewItems = 1_000;

await RunAsync(2_000, 200, perDay); // warm-up (JIT), not reported
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synthetic reports, {perDay} per day; story window ±{StorySimilarity.Window.TotalDays} days; {LshBands.Count} bands x {LshBands.Rows} rows"));
Console.WriteLine("stored     stored s  µs/item  new s   µs/item  new items/s  stories");
foreach (var size in sizes)
{
    var r = await RunAsync(size, NewItems, perDay);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{size,7}  {r.Stored.TotalSeconds,9:0.00}  {r.Stored.TotalMicroseconds / size,7:0.0}  {r.New.TotalSeconds,5:0.00}  {r.New.TotalMicroseconds / NewItems,7:0.0}  {NewItems / r.New.TotalSeconds,11:0}  {r.Stories,7}"));
}

static async Task<(TimeSpan Stored, TimeSpan New, int Stories)> RunAsync(int stored, int fresh, double perDay)
{
    var news = new SyntheticNews(seed: 20261123, perDay);
    var history = news.Take(stored);
    var incoming = news.Take(fresh);
    using var assigner = new StoryAssigner(new InMemoryStoryStore(), NullLogger<StoryAssigner>.Instance);
    var stories = new HashSet<string>(StringComparer.Ordinal);

    var watch = Stopwatch.StartNew();
    foreach (var item in history)
    {
        stories.Add((await assigner.AssignAsync(item)).StoryId!);
    }

    var storedTime = watch.Elapsed;
    watch.Restart();
    foreach (var item in incoming)
    {
        stories.Add((await assigner.AssignAsync(item)).StoryId!);
    }

    return (storedTime, watch.Elapsed, stories.Count);
}
