using System.Globalization;
using RelationsAlerts.Core.Items;

namespace RelationsAlerts.StoryBench;

/// <summary>
/// Deterministic synthetic Pakistan–Belarus news at a steady rate: events (a known or invented company, a product, a place,
/// a quantity and an invented official) reported one to four times, in English or Russian, within a day of each other.
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
        ("tonnes of potash", "тонн калия"), ("transformers", "трансформаторов"), ("scholarships", "стипендий"), ("textile containers", "контейнеров текстиля"),
    ];

    private static readonly (string En, string Ru)[] Places =
    [
        ("Karachi", "Карачи"), ("Lahore", "Лахор"), ("Multan", "Мултан"), ("Islamabad", "Исламабад"), ("Faisalabad", "Фейсалабад"),
        ("Minsk", "Минск"), ("Brest", "Брест"), ("Gomel", "Гомель"), ("Sialkot", "Сиалкот"), ("Gwadar", "Гвадар"),
    ];

    private static readonly string[] Syllables = ["ka", "ro", "vin", "shen", "lu", "dar", "mi", "zov", "tak", "ber", "nos", "gul", "pe", "rad"];

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
        var invented = Name() + "mash";
        var company = random.Next(4) == 0 ? Companies[random.Next(Companies.Length)] : (En: invented, Ru: invented);
        var product = Products[random.Next(Products.Length)];
        var place = Places[random.Next(Places.Length)];
        var official = Name();
        var amount = (random.Next(2, 300) * 10).ToString(CultureInfo.InvariantCulture);
        var reports = 1 + random.Next(4);
        var start = clock;
        clock = clock.AddDays(reports / itemsPerDay);
        for (var r = 0; r < reports; r++)
        {
            var russian = random.Next(3) == 0;
            var published = start.AddMinutes(random.Next(0, 24 * 60));
            yield return new NewsItem
            {
                Id = $"i{next++:D7}",
                FeedId = "bench",
                Title = russian
                    ? $"{company.Ru} поставит {amount} {product.Ru} в {place.Ru}"
                    : $"{company.En} to supply {amount} {product.En} to {place.En}",
                Summary = russian
                    ? $"Соглашение подписали {official} и представители Пакистана. Поставки начнутся в следующем году."
                    : $"Belarusian {company.En} and a Pakistani partner signed the deal, {official} said. Deliveries start next year.",
                Source = russian ? "Деловой Минск" : "Business Chronicle",
                PublishedAt = published,
                FirstSeenAt = published.AddMinutes(5),
                Sectors = ["trade", "industry"],
            };
        }
    }

    private string Name() =>
        string.Concat(Enumerable.Range(0, 3).Select(_ => Syllables[random.Next(Syllables.Length)])) is var name
            ? char.ToUpperInvariant(name[0]) + name[1..]
            : "";
}
