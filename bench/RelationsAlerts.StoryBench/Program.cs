using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Stories;
using RelationsAlerts.StoryBench;

// Story assignment over the in-memory story store (the table store's layout: one time-ordered list per LSH band key).
// For each size N: file N generated reports as the stored history, then 1,000 new ones. The history is timed per
// quarter, so a flat µs/item from the first to the last quarter (and across sizes) shows time linear in N: a lookup
// reads only its band keys' rows inside the ±3-day window, never the whole history. New reports are timed in chunks of
// 100 and the median chunk is reported, which keeps a busy machine's pauses out of the figure.
// Usage: dotnet run -c Release -- [itemsPerDay=100] [sizes=25000,50000,100000]
var perDay = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 100;
int[] sizes = args.Length > 1 ? [.. args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [25_000, 50_000, 100_000];
const int NewItems = 1_000;

await RunAsync(4_000, NewItems, perDay); // warm-up (JIT), not reported
Console.WriteLine(Invariant($"synthetic reports, {perDay} per day; story window ±{StorySimilarity.Window.TotalDays} days; {LshBands.Count} bands x {LshBands.Rows} rows"));
Console.WriteLine("stored   history s  µs/item by quarter of the history   new: µs/item  items/s  stories");
foreach (var size in sizes)
{
    var r = await RunAsync(size, NewItems, perDay);
    var quarters = string.Join(" ", r.Quarters.Select(q => Invariant($"{q,6:0.0}")));
    Console.WriteLine(Invariant($"{size,7}  {r.History.TotalSeconds,9:0.00}  {quarters}          {r.NewMicroseconds,7:0.0}  {1e6 / r.NewMicroseconds,7:0}  {r.Stories,7}"));
}

static async Task<(TimeSpan History, double[] Quarters, double NewMicroseconds, int Stories)> RunAsync(int stored, int fresh, double perDay)
{
    var news = new SyntheticNews(seed: 20261123, perDay);
    var history = news.Take(stored);
    var incoming = news.Take(fresh);
    using var assigner = new StoryAssigner(new InMemoryStoryStore(), NullLogger<StoryAssigner>.Instance);
    var stories = new HashSet<string>(StringComparer.Ordinal);

    var quarters = new double[4];
    var total = TimeSpan.Zero;
    for (var q = 0; q < 4; q++)
    {
        var part = history.Skip(q * stored / 4).Take(((q + 1) * stored / 4) - (q * stored / 4)).ToList();
        var elapsed = await TimeAsync(assigner, part, stories);
        quarters[q] = elapsed.TotalMicroseconds / part.Count;
        total += elapsed;
    }

    var chunks = new List<double>();
    foreach (var chunk in incoming.Chunk(100))
    {
        chunks.Add((await TimeAsync(assigner, chunk, stories)).TotalMicroseconds / chunk.Length);
    }

    return (total, quarters, chunks.Order().ElementAt(chunks.Count / 2), stories.Count);
}

static async Task<TimeSpan> TimeAsync(StoryAssigner assigner, IReadOnlyList<NewsItem> items, HashSet<string> stories)
{
    var watch = Stopwatch.StartNew();
    foreach (var item in items)
    {
        stories.Add((await assigner.AssignAsync(item)).StoryId!);
    }

    return watch.Elapsed;
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
