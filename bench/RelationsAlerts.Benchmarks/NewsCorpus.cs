using System.Text;

namespace RelationsAlerts.Benchmarks;

/// <summary>A news item as the tagger sees it.</summary>
public sealed record NewsItem(string Title, string Summary);

/// <summary>
/// Deterministic synthetic news: items in English, Russian and Urdu (about 45/35/20 by item), built from filler words,
/// sector keywords in inflected forms, near-misses that must not match ("soil", "amazon", "непакистанский") and punctuation.
/// </summary>
public static class NewsCorpus
{
    private static readonly string[] EnglishFiller =
    [
        "the", "a", "of", "and", "to", "in", "on", "for", "with", "said", "officials", "government", "week", "new", "year",
        "according", "report", "statement", "country", "side", "also", "would", "will", "has", "been", "its", "their", "after",
        "during", "meeting", "between", "both", "sides", "discussed", "expected", "announced", "plans", "further", "local",
        "regional", "soil", "amazon", "mazda", "toil", "oilcloth", "artefact", "partner", "press", "conference", "monday",
        "tuesday", "capital", "city", "province", "national", "international", "sources", "people", "million", "percent",
    ];

    private static readonly string[] EnglishKeywords =
    [
        "agriculture", "farmers", "tractors", "harvest", "wheat", "fertilizer", "potash", "MTZ", "industrial", "manufacturing",
        "factory", "trucks", "MAZ", "BelAZ", "steel", "textiles", "joint venture", "health", "medicines", "pharmaceutical",
        "hospital", "vaccines", "trade", "exports", "imports", "customs", "tariffs", "investment", "energy", "oil", "gas",
        "nuclear", "solar", "education", "universities", "students", "scholarships", "technology", "research", "IT park",
        "satellite", "tourism", "tourists", "visa", "direct flights", "culture", "film festival", "media", "journalists",
        "defence", "military", "security", "joint exercises", "transport", "railway", "logistics", "corridor", "cargo",
        "climate", "floods", "forests", "labour", "workers", "migrants", "diplomatic", "visit", "talks", "minister",
        "president", "prime minister", "ambassador", "embassy", "bilateral relations", "Pakistan", "Belarus", "Minsk",
        "Islamabad", "Lukashenko", "Shehbaz Sharif",
    ];

    private static readonly string[] RussianFiller =
    [
        "в", "и", "на", "с", "по", "для", "что", "также", "года", "неделе", "заявил", "сообщили", "правительство", "стороны",
        "обсудили", "рамках", "встречи", "новые", "планы", "области", "города", "республики", "вопросы", "развития", "между",
        "странами", "по словам", "источник", "пресс", "службы", "ламаз", "непакистанский", "миллионов", "процентов",
        "ёлка", "всё", "объём", "подчеркнул", "отметил", "итогам",
    ];

    private static readonly string[] RussianKeywords =
    [
        "сельского хозяйства", "агропромышленный", "тракторов", "урожая", "зерна", "удобрений", "калийных", "МТЗ",
        "промышленности", "завода", "производства", "сборки", "машиностроения", "грузовиков", "МАЗ", "БелАЗ", "текстильной",
        "здравоохранения", "медицины", "фармацевтической", "лекарств", "больницы", "вакцин", "торговли", "товарооборот",
        "экспорта", "импорта", "таможенных", "инвестиций", "энергетики", "нефти", "газа", "атомной", "образования",
        "университетов", "студентов", "науки", "технологий", "парк высоких технологий", "спутника", "туризма", "туристов",
        "визового", "безвизовый", "культуры", "фестиваля", "СМИ", "журналистов", "обороны", "военного", "безопасности",
        "транспорта", "логистики", "железной", "коридора", "транзита", "экологии", "климата", "лесного", "трудовой",
        "мигрантов", "занятости", "дипломатических", "визита", "переговоров", "министра", "президента", "премьер",
        "посла", "посольства", "отношений", "Пакистана", "Беларуси", "Минске", "Исламабаде", "Лукашенко",
    ];

    private static readonly string[] UrduFiller =
    [
        "اور", "کے", "میں", "کی", "سے", "کو", "نے", "پر", "کہا", "گیا", "ہے", "ہیں", "حکومت", "دونوں", "ممالک", "کے درمیان",
        "ملاقات", "اجلاس", "بیان", "ذرائع", "مطابق", "نئے", "منصوبے", "سال", "ہفتے", "فیصد", "اسلام کا پیغام", "شہر",
    ];

    private static readonly string[] UrduKeywords =
    [
        "زراعت", "کاشتکاری", "ٹریکٹروں", "کھاد", "گندم", "چاول", "فصلوں", "صنعتی", "کارخانے", "مشینری", "ٹرکوں", "پیداوار",
        "صحت", "ادویات", "ہسپتالوں", "طبی", "تجارتی", "برآمدات", "درآمدات", "سرمایہ کاری", "توانائی", "بجلی", "تیل", "گیس",
        "تعلیمی", "یونیورسٹیوں", "طلبہ", "سائنسی", "ٹیکنالوجی", "تحقیقی", "سیاحت", "سیاحوں", "ویزا", "ثقافتی", "میڈیا",
        "دفاعی", "فوجی", "سیکیورٹی", "ٹرانسپورٹ", "ریلوے", "راہداری", "ماحولیاتی", "سیلاب", "مزدوروں", "روزگار",
        "سفارتی", "دورے", "مذاکرات", "وزیر", "صدر", "وزیراعظم", "سفیر", "تعلقات", "پاکستان", "بیلاروس", "منسک", "اسلام آباد",
        "پاكستاني", // Arabic kaf and yeh: normalisation folds them to Urdu letters.
    ];

    private static readonly string[] Punctuation = [",", ".", ";", ":", " -", "!", "?"];

    /// <summary>Items in order until their UTF-8 size (title + " " + summary) reaches <paramref name="targetBytes"/>.</summary>
    public static IReadOnlyList<NewsItem> Generate(int targetBytes, int seed = 20261123)
    {
        var random = new Random(seed);
        var items = new List<NewsItem>();
        var bytes = 0;
        while (bytes < targetBytes)
        {
            var roll = random.Next(100);
            var (filler, keywords, stop) = roll < 45 ? (EnglishFiller, EnglishKeywords, ".") : roll < 80 ? (RussianFiller, RussianKeywords, ".") : (UrduFiller, UrduKeywords, "۔");
            var title = Sentence(random, filler, keywords, random.Next(6, 13), keywordRate: 25, "");
            var summary = new StringBuilder();
            for (var s = random.Next(2, 6); s > 0; s--)
            {
                summary.Append(Sentence(random, filler, keywords, random.Next(10, 25), keywordRate: 12, stop)).Append(' ');
            }

            var item = new NewsItem(title, summary.ToString().TrimEnd());
            items.Add(item);
            bytes += Utf8Bytes(item);
        }

        return items;
    }

    /// <summary>UTF-8 size of what the tagger normalises: title + " " + summary.</summary>
    public static int Utf8Bytes(NewsItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Encoding.UTF8.GetByteCount(item.Title) + 1 + Encoding.UTF8.GetByteCount(item.Summary);
    }

    private static string Sentence(Random random, string[] filler, string[] keywords, int words, int keywordRate, string stop)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                builder.Append(random.Next(12) == 0 ? Punctuation[random.Next(Punctuation.Length)] + " " : " ");
            }

            var word = random.Next(100) < keywordRate ? keywords[random.Next(keywords.Length)] : filler[random.Next(filler.Length)];
            builder.Append(i == 0 || random.Next(15) == 0 ? Capitalise(word) : word);
            if (random.Next(40) == 0)
            {
                builder.Append(' ').Append(random.Next(1, 2030));
            }
        }

        return builder.Append(stop).ToString();
    }

    private static string Capitalise(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
