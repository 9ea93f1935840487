using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Stories;
using RelationsAlerts.StoryBench;

// Story assignment over the in-memory story store (one time-ordered row list per LSH band key, the per-key bound the
// table store applies too), one report at a time as StoryAssigner.ClusterAsync files them.
// For each size N: file N generated reports as the stored history, then 1,000 new ones. The history is timed per
// quarter: a flat µs/item from the first quarter to the last, and across sizes, means time linear in N, because a lookup
// reads only its band keys' rows inside the ±3-day window, never the whole history. Garbage-collection pauses grow with
// the heap that holds the history in this process (the table store keeps it in storage), so they are shown apart.
// New reports are timed in chunks of 100; the median chunk keeps a busy machine's hiccups out of the figure.
// Usage: dotnet run -c Release -- [itemsPerDay=100] [sizes=25000,50000,100000]
var perDay = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 100;
int[] sizes = args.Length > 1 ? [.. args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [25_000, 50_000, 100_000];
const int NewItems = 1_000;

await RunAsync(10_000, NewItems, perDay); // warm-up (JIT tiers), not reported
Console.WriteLine(Invariant($"synthetic reports, {perDay} per day; story window ±{StorySimilarity.Window.TotalDays} days; {LshBands.Count} bands x {LshBands.Rows} rows"));
Console.WriteLine("   stored  history s  µs/item per quarter (wall)   µs/item per quarter (without GC)   new µs/item  new items/s  candidates  stories");
foreach (var size in sizes)
{
    var r = await RunAsync(size, NewItems, perDay);
    Console.WriteLine(Invariant(
        $"{size,9}  {r.History.TotalSeconds,9:0.00}  {Row(r.Wall)}     {Row(r.WithoutGc)}           {r.NewMicroseconds,6:0.0}  {1e6 / r.NewMicroseconds,11:0}  {r.Candidates,10:0.0}  {r.Stories,7}"));
}

static async Task<Result> RunAsync(int stored, int fresh, double perDay)
{
    var news = new SyntheticNews(seed: 20261123, perDay);
    var history = news.Take(stored);
    var incoming = news.Take(fresh);
    var store = new InMemoryStoryStore();
    using var assigner = new StoryAssigner(store, NullLogger<StoryAssigner>.Instance);
    var stories = new HashSet<string>(StringComparer.Ordinal);

    var (wall, withoutGc, total) = (new double[4], new double[4], TimeSpan.Zero);
    for (var q = 0; q < 4; q++)
    {
        var part = history.Skip(q * stored / 4).Take(((q + 1) * stored / 4) - (q * stored / 4)).ToList();
        var paused = GC.GetTotalPauseDuration();
        var elapsed = await TimeAsync(assigner, part, stories);
        wall[q] = elapsed.TotalMicroseconds / part.Count;
        withoutGc[q] = (elapsed - (GC.GetTotalPauseDuration() - paused)).TotalMicroseconds / part.Count;
        total += elapsed;
    }

    var chunks = new List<double>();
    foreach (var chunk in incoming.Chunk(100))
    {
        chunks.Add((await TimeAsync(assigner, chunk, stories)).TotalMicroseconds / chunk.Length);
    }

    // How many stored reports a lookup reads: the cost that must not grow with the history.
    var candidates = new List<int>();
    foreach (var features in incoming.Take(200).Select(StoryFeatureExtractor.Of))
    {
        var window = (features.Time - StorySimilarity.Window, features.Time + StorySimilarity.Window);
        candidates.Add((await store.FindCandidatesAsync(LshBands.Of(features), window.Item1, window.Item2)).Count);
    }

    return new Result(total, wall, withoutGc, chunks.Order().ElementAt(chunks.Count / 2), candidates.Average(), stories.Count);
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

static string Row(double[] values) => string.Join(" ", values.Select(v => Invariant($"{v,6:0.0}")));

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

internal sealed record Result(TimeSpan History, double[] Wall, double[] WithoutGc, double NewMicroseconds, double Candidates, int Stories);
