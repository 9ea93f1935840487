namespace RelationsAlerts.Core.Processing;

/// <summary>Evidence that a text is about Pakistan or Belarus: names, adjectives, capitals, institutions and leaders in English, Russian, Belarusian and Urdu.</summary>
internal static class CountryLexicon
{
    public static readonly KeywordMatcher Pakistan = new(
    [
        "pakistan*", "islamabad*", "rawalpindi", "lahore", "karachi", "shehbaz sharif", "shahbaz sharif", "ishaq dar",
        "asif ali zardari", "zardari", "asim munir", "pak", "пакистан*", "исламабад*", "шахбаз*", "шариф*", "исхак дар*", "зардари",
        "пакістан*", "ісламабад*", "پاکستان*", "اسلام آباد", "شہباز شریف", "اسحاق ڈار",
    ]);

    public static readonly KeywordMatcher Belarus = new(
    [
        "belarus*", "byelorussia*", "belorussia*", "minsk", "lukashenko", "ryzhenkov", "mtz", "maz", "belaz",
        "беларус*", "белорус*", "минск*", "лукашенк*", "рыженков*", "беларусь", "мінск*", "лукашэнк*",
        "بیلاروس*", "بیلا روس*", "منسک", "لوکاشینکو",
    ]);

    /// <summary>Words that make a co-occurrence an interaction between the two countries.</summary>
    public static readonly KeywordMatcher BilateralCues = new(
    [
        "bilateral*", "between", "ties", "relation*", "cooperat*", "co operation", "agreement*", "accord*", "mou*", "memorand*",
        "visit*", "talks", "met", "meet*", "joint*", "partner*", "trade*", "sign*", "delegation*", "ambassador*", "envoy*",
        "embass*", "commission*", "both countries", "two countries", "with", "export*", "import*", "invest*", "deal*",
        "сотрудничеств*", "двусторонн*", "соглашени*", "визит*", "переговор*", "встреч*", "отношени*", "торгов*", "делегаци*",
        "посол*", "посл*", "меморандум*", "совместн*", "подписа*", "экспорт*", "импорт*", "инвест*", "между",
        "تعاون", "معاہد*", "دورہ*", "دورے", "تعلقات", "ملاقات", "تجارت*", "مفاہمت*", "وفد",
    ]);

    /// <summary>Contexts where both countries appear without interacting.</summary>
    public static readonly KeywordMatcher Sports = new(
    [
        "vs", "versus", "fixture*", "davis cup", "tournament*", "qualifier*", "championship*", "olympic*", "match", "matches",
        "world cup", "группов* этап*", "матч*", "турнир*",
    ]);

    public static readonly KeywordMatcher MinskAgreements = new(
    [
        "minsk agreement*", "minsk accord*", "minsk protocol*", "minsk ii", "минские соглашения", "минских соглашений",
    ]);

    /// <summary>Other countries, to recognise attendance lists and vote tallies.</summary>
    public static readonly KeywordMatcher OtherCountries = new(
    [
        "russia*", "china", "chinese", "india*", "iran*", "afghanistan", "kazakhstan", "uzbekistan", "kyrgyz*", "tajikistan",
        "turkmenistan", "turkey", "turkiye", "azerbaijan", "armenia*", "mongolia*", "qatar", "egypt*", "saudi*", "emirates",
        "united states", "usa", "ukrain*", "germany", "france", "cuba", "venezuela", "nicaragua", "syria*", "korea*",
        "россия", "росси*", "китай", "китая", "индия", "иран", "казахстан*", "узбекистан*", "украин*",
    ]);
}
