using System.Globalization;
using RelationsAlerts.Core.Items;

namespace RelationsAlerts.StoryBench;

/// <summary>
/// Deterministic synthetic Pakistan–Belarus news at a steady rate: events (a known or invented company, a product, a
/// place, a quantity, an invented official) reported one to four times, in English or Russian, within a day of each
/// other, with varied headlines and filler so that reports of different events share vocabulary but not specifics.
/// </summary>
public sealed class SyntheticNews(int seed, double itemsPerDay)
{
    private static readonly (string En, string Ru)[] Companies =
    [
        ("MTZ", "МТЗ"), ("MAZ", "МАЗ"), ("BelAZ", "БелАЗ"), ("Gomselmash", "Гомсельмаш"), ("Belavia", "Белавиа"),
        ("Belarusneft", "Белоруснефть"), ("Amkodor", "Амкодор"), ("Belshina", "Белшина"),
    ];

    private static readonly (string En, string Ru)[] Products =
    [
        ("tractors", "тракторов"), ("buses", "автобусов"), ("dump trucks", "самосвалов"), ("combine harvesters", "комбайнов"),
        ("tonnes of potash", "тонн калия"), ("transformers", "трансформаторов"), ("scholarships", "стипендий"),
        ("containers of textiles", "контейнеров текстиля"), ("tyres", "шин"), ("locomotives", "локомотивов"),
    ];

    private static readonly (string En, string Ru)[] Places =
    [
        ("Karachi", "Карачи"), ("Lahore", "Лахор"), ("Multan", "Мултан"), ("Islamabad", "Исламабад"), ("Faisalabad", "Фейсалабад"),
        ("Minsk", "Минск"), ("Brest", "Брест"), ("Gomel", "Гомель"), ("Sialkot", "Сиалкот"), ("Gwadar", "Гвадар"),
        ("Peshawar", "Пешавар"), ("Quetta", "Кветта"), ("Vitebsk", "Витебск"), ("Grodno", "Гродно"), ("Rawalpindi", "Равалпинди"),
    ];

    private static readonly string[] EnglishHeadlines =
    [
        "{0} to supply {1} {2} to {3}", "{3} signs deal with {0} for {1} {2}", "{0} wins {3} order for {1} {2}",
        "Pakistan, Belarus agree on {1} {2} from {0}", "{1} {2}: {0} contract signed in {3}", "{0} eyes {3} market with {1} {2}",
    ];

    private static readonly string[] RussianHeadlines =
    [
        "{0} поставит {1} {2} в {3}", "{0} подписал контракт на {1} {2} с партнером из {3}", "{3}: {0} отгрузит {1} {2}",
    ];

    private static readonly string[] Filler =
    [
        "officials", "said", "the", "deal", "would", "help", "expand", "cooperation", "between", "the", "two", "countries", "first",
        "batch", "expected", "next", "spring", "local", "partner", "service", "centre", "training", "engineers", "financing",
        "bank", "terms", "agreed", "during", "visit", "delegation", "talks", "ministry", "statement", "market", "demand", "prices",
    ];

    private static readonly string[] Syllables = ["ka", "ro", "vin", "shen", "lu", "dar", "mi", "zov", "tak", "ber", "nos", "gul", "pe", "rad", "sol", "tur"];

    private readonly Random random = new(seed);
    private DateTimeOffset clock = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private int next;

    /// <summary>The next <paramref name="count"/> reports in publication order.</summary>
    public IReadOnlyList<NewsItem> Take(int count)
    {
        var items = new List<NewsItem>(count + 4);
        while (items.Count < count)
        {
            items.AddRange(Event());
        }

        return [.. items.Take(count).OrderBy(i => i.PublishedAt)];
    }

    private IEnumerable<NewsItem> Event()
    {
        var invented = Name() + Pick(["mash", "tech", "prom", "agro", "trans"]);
        var company = random.Next(4) == 0 ? Pick(Companies) : (En: invented, Ru: invented);
        var product = Pick(Products);
        var place = Pick(Places);
        var official = Name() + " " + Name();
        var amount = (random.Next(2, 300) * 10).ToString(CultureInfo.InvariantCulture);
        var reports = 1 + random.Next(4);
        var start = clock;
        clock = clock.AddDays(reports / itemsPerDay);
        for (var r = 0; r < reports; r++)
        {
            var russian = random.Next(3) == 0;
            var published = start.AddMinutes(random.Next(0, 24 * 60));
            var title = russian
                ? string.Format(CultureInfo.InvariantCulture, Pick(RussianHeadlines), company.Ru, amount, product.Ru, place.Ru)
                : string.Format(CultureInfo.InvariantCulture, Pick(EnglishHeadlines), company.En, amount, product.En, place.En);
            var summary = russian
                ? $"Об этом сообщил {official}. Поставки начнутся в следующем году, первая партия уже готова."
                : $"{official} said the first {product.En} would arrive in {place.En} soon; {string.Join(' ', Enumerable.Range(0, 12).Select(_ => Pick(Filler)))}.";
            yield return new NewsItem
            {
                Id = $"i{next++:D7}",
                FeedId = "bench",
                Title = title,
                Summary = summary,
                Source = russian ? "Деловой Минск" : Pick(["Business Chronicle", "Karachi Post", "Lahore Ledger"]),
                PublishedAt = published,
                FirstSeenAt = published.AddMinutes(5),
                Sectors = ["trade", "industry"],
            };
        }
    }

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];

    private string Name()
    {
        var name = string.Concat(Enumerable.Range(0, 3).Select(_ => Pick(Syllables)));
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}
