using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using RelationsAlerts.Azure.Tables;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.DigestBench;

/// <summary>
/// Fills storage for one digest run: N daily subscribers spread over all 16,383 combinations of the 14 sectors, due an
/// hour ago with their previous digest a day before that, and one day of news touching every sector. Prints the
/// minimum number of SendGrid requests for that run, computed independently of the app's planner: subscribers whose
/// rendered digests are identical form a group, and a group of n needs ceil(n/1000) requests.
/// </summary>
internal static class Seeder
{
    public static async Task<int> RunAsync(string connectionString, int count)
    {
        var stopwatch = Stopwatch.StartNew();
        var service = new TableServiceClient(connectionString);
        foreach (var table in new[] { TableNames.Subscribers, TableNames.Items, TableNames.ItemsByDay, TableNames.Topics })
        {
            await service.CreateTableIfNotExistsAsync(table);
        }

        var now = DateTimeOffset.UtcNow;
        var occurrence = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-1);
        var sectors = DefaultTopics.All.Select(t => t.Id).ToArray();
        var subscribers = Enumerable.Range(0, count).Select(i => Subscriber(i, sectors, occurrence)).ToList();
        await new TableSubscriberStore(service).ImportAsync(subscribers);
        var items = Items(sectors, occurrence).ToList();
        var itemStore = new TableItemStore(service);
        foreach (var item in items)
        {
            await itemStore.TryAddAsync(item);
        }

        var groups = subscribers
            .Select(s => DigestBuilder.Build("bench", occurrence, s, items.Where(i => i.FirstSeenAt > s.LastDigestUntil && i.FirstSeenAt <= occurrence), DefaultTopics.All))
            .Where(d => d.ItemCount > 0)
            .GroupBy(d => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(DigestRenderer.Subject(d) + DigestRenderer.Html(d) + DigestRenderer.Text(d)))))
            .Select(g => g.Count())
            .ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"seeded {count} subscribers ({sectors.Length} sectors, {(1 << sectors.Length) - 1} combinations) and {items.Count} items in {stopwatch.Elapsed.TotalSeconds:0.0} s; {groups.Count} distinct digests"));
        Console.WriteLine(FormattableString.Invariant($"minimum {groups.Sum(n => (n + 999) / 1000)} recipients {groups.Sum()}"));
        return 0;
    }

    private static Subscriber Subscriber(int i, string[] sectors, DateTimeOffset occurrence)
    {
        var combination = (i % ((1 << sectors.Length) - 1)) + 1;
        var email = FormattableString.Invariant($"reader{i:D6}@bench.example.org");
        return new Subscriber
        {
            Id = SubscriberIds.FromEmail(email),
            Email = email,
            Sectors = [.. sectors.Where((_, bit) => (combination & (1 << bit)) != 0)],
            Frequency = DigestFrequency.Daily,
            TimeZone = "UTC",
            PreferredHour = occurrence.Hour,
            Status = SubscriberStatus.Active,
            CreatedAt = occurrence.AddDays(-30),
            ConfirmedAt = occurrence.AddDays(-30),
            LastDigestUntil = occurrence.AddDays(-1),
        };
    }

    /// <summary>A day of news: two reports an hour, each in one or two sectors, every sector covered; some pairs report one story.</summary>
    private static IEnumerable<NewsItem> Items(string[] sectors, DateTimeOffset occurrence)
    {
        for (var n = 0; n < 48; n++)
        {
            var seen = occurrence.AddMinutes(-30 * n - 5);
            var sector = sectors[n % sectors.Length];
            string[] tags = n % 3 == 0 ? [sector, sectors[(n + 5) % sectors.Length]] : [sector];
            yield return new NewsItem
            {
                Id = FormattableString.Invariant($"bench-item-{n:D3}"),
                FeedId = "bench",
                Title = FormattableString.Invariant($"Pakistan and Belarus agree on {sector} cooperation, round {n}"),
                Link = new Uri(FormattableString.Invariant($"https://news{n % 7}.example.org/{sector}/{n}")),
                Source = FormattableString.Invariant($"Outlet {n % 7}"),
                Summary = "Delegations from Islamabad and Minsk signed a protocol on " + sector + " and set a timetable for the next meeting.",
                FirstSeenAt = seen,
                PublishedAt = seen,
                Sectors = tags,
                StoryId = n % 4 == 1 ? FormattableString.Invariant($"st-{n - 1}") : FormattableString.Invariant($"st-{n}"),
            };
        }
    }
}
