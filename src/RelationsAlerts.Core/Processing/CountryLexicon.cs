namespace RelationsAlerts.Core.Processing;

/// <summary>
/// Evidence that a text is about Pakistan or Belarus — names, adjectives, capitals, regions, institutions, companies
/// and leaders in English, Russian, Belarusian and Urdu — and the contexts that make a co-occurrence bilateral or not.
/// </summary>
internal static class CountryLexicon
{
    public static readonly KeywordMatcher Pakistan = new(
    [
        "pakistan*", "islamabad*", "rawalpindi", "lahore*", "karachi", "peshawar", "quetta", "faisalabad", "multan", "gwadar", "sialkot",
        "punjab*", "sindh*", "khyber pakhtunkhwa", "kp", "balochistan", "gilgit baltistan",
        "shehbaz*", "shahbaz*", "ishaq dar", "asif ali zardari", "zardari", "asim munir", "pak", "hec", "higher education commission",
        "rescue 1122", "pia", "nust", "sbp", "state bank of pakistan", "suparco",
        "пакистан*", "исламабад*", "лахор*", "карачи", "пешавар*", "пенджаб*", "синд*", "шахбаз*", "шариф*", "исхак дар*", "зардари",
        "пакістан*", "ісламабад*",
        "پاکستان*", "اسلام آباد", "لاہور", "کراچی", "پشاور", "کوئٹہ", "پنجاب", "سندھ", "خیبر پختونخوا", "بلوچستان", "شہباز شریف", "اسحاق ڈار",
    ]);

    public static readonly KeywordMatcher Belarus = new(
    [
        "belarus*", "byelorussia*", "belorussia*", "minsk", "grodno", "hrodna", "gomel", "homel", "vitebsk", "mogilev", "brest region",
        "lukashenko", "ryzhenkov", "mtz", "maz", "belaz", "belavia", "belshina", "belaruskali", "belmedpreparaty", "amkodor", "gomselmash",
        "беларус*", "белорус*", "минск*", "гродн*", "гомел*", "витебск*", "могил*", "лукашенк*", "рыженков*", "мтз", "маз", "белаз",
        "белавиа", "белшина", "беларуськали*", "белмедпрепарат*", "амкодор*", "гомсельмаш*",
        "мінск*", "лукашэнк*",
        "بیلاروس*", "بیلا روس*", "منسک", "لوکاشینکو",
    ]);

    /// <summary>Nationality adjectives: "Belarusian X" next to a Pakistani place or body is an interaction in itself.</summary>
    public static readonly KeywordMatcher Adjectives = new(
    [
        "belarusian*", "byelorussian*", "pakistani*", "белорусск*", "беларуск*", "пакистанск*", "بیلاروسی", "پاکستانی",
    ]);

    /// <summary>Words that make a co-occurrence an interaction between the two countries.</summary>
    public static readonly KeywordMatcher BilateralCues = new(
    [
        "bilateral*", "between", "ties", "relation*", "cooperat*", "co operation", "agree*", "accord", "mou*", "memorand*",
        "visit*", "talks", "met", "meet*", "joint*", "partner*", "trade*", "sign*", "inked", "delegation*", "ambassador*", "envoy*",
        "embass*", "commission*", "both countries", "two countries", "export*", "import*", "invest*", "deal*", "suppl*", "deliver*",
        "train*", "scholarship*", "exchange*", "charter*", "direct flight*", "assembl*", "venture*", "counterpart*", "consultation*",
        "discuss*", "receiv*", "aid", "assistance", "help*", "donat*", "sends", "sent", "offer*", "freight", "visa*", "host*",
        "сотрудничеств*", "двусторонн*", "соглашени*", "договор*", "визит*", "переговор*", "встреч*", "отношени*", "торгов*", "делегаци*",
        "посол*", "посл*", "меморандум*", "совместн*", "подписа*", "экспорт*", "импорт*", "инвест*", "между", "постав*", "налад*",
        "обуч*", "стипенди*", "чартер*", "сборк*", "обеих стран", "двух стран", "обсуд*", "консультаци*", "помощ*", "направил*",
        "предлож*", "товарооборот*", "виз*", "безвиз*", "посещ*", "принял*",
        "супрацоўніцтв*", "абмеркава*", "пагадненн*", "візіт*", "сустрэч*", "гандл*",
        "تعاون", "معاہد*", "دورہ*", "دورے", "تعلقات", "ملاقات", "تجارت*", "مفاہمت*", "وفد", "دونوں ممالک", "سرمایہ کاری", "تربیت",
        "امداد", "ویزا",
    ]);

    /// <summary>Competition between athletes or teams: the countries meet, but not as states.</summary>
    public static readonly KeywordMatcher Sports = new(
    [
        "vs", "versus", "fixture*", "davis cup", "tournament*", "qualifier*", "championship*", "olympic*", "match", "matches",
        "world cup", "futsal", "chess", "grandmaster*", "weightlift*", "wrestl*", "boxing", "athlete*", "medal*",
        "матч*", "турнир*", "чемпионат*", "сборн*", "шахмат*", "олимпи*",
        "کھلاڑی", "میچ", "ٹورنامنٹ", "ویٹ لفٹنگ", "کرکٹ", "ہاکی", "فٹ بال",
    ]);

    /// <summary>Ukraine's "Minsk agreements/format": Minsk as a venue, not Belarus as a party.</summary>
    public static readonly KeywordMatcher MinskAgreements = new(
    [
        "minsk agreement*", "minsk accord*", "minsk protocol*", "minsk ii", "minsk format", "минские соглашения", "минских соглашений",
        "минский формат*", "минского формат*",
    ]);

    /// <summary>Obituaries and profiles mention where someone studied or lived, not relations.</summary>
    public static readonly KeywordMatcher Obituaries = new(
    [
        "obituary", "died", "passed away", "funeral", "некролог", "скончал*", "انتقال", "وفات",
    ]);

    /// <summary>Rankings, market wraps and advisories list countries side by side.</summary>
    public static readonly KeywordMatcher Listings = new(
    [
        "index", "ranking*", "ranked", "market wrap", "markets wrap", "bonds", "eurobond*", "travel advisor*", "advisories",
        "high risk destination*", "рейтинг*", "котировк*", "список стран",
    ]);

    /// <summary>Multilateral bodies and forums: both countries there is attendance, unless the text says they met bilaterally.</summary>
    public static readonly KeywordMatcher Multilateral = new(
    [
        "sco", "shanghai cooperation*", "csto", "eaeu", "eurasian economic union", "cis", "commonwealth of independent states",
        "united nations", "un general assembly", "general assembly", "human rights council", "non aligned", "nam", "brics", "oic",
        "summit*", "cica", "member state*", "member countries", "all members", "observer state*",
        "шос", "одкб", "еаэс", "снг", "оон", "генассамбле*", "генеральн* ассамбле*", "движени* неприсоединения", "саммит*", "членов", "государств член*",
        "ایس سی او", "شنگھائی تعاون تنظیم", "اقوام متحدہ", "رکن ممالک",
    ]);

    /// <summary>Markers that a meeting inside a multilateral event was between the two.</summary>
    public static readonly KeywordMatcher BilateralMarkers = new(
    [
        "bilateral*", "sidelines", "one on one", "met", "held talks", "talks with", "consultation*", "на полях", "консультаци*", "двусторонн*", "встретил*", "провел* переговоры",
        "دوطرفہ", "سائیڈ لائنز", "ملاقات کی",
    ]);

    /// <summary>"Pakistan-Belarus", "Belarusian-Pakistani" and the like, after normalisation turned the hyphen into a space.</summary>
    public static readonly KeywordMatcher Compounds = new(
    [
        "pakistan belarus*", "belarus pakistan*", "pak belarus*", "pakistani belarusian", "belarusian pakistani", "pakistan belarusian",
        "пакистано белорусск*", "белорусско пакистанск*", "беларусь пакистан", "пакистан беларусь", "پاک بیلاروس", "پاکستان بیلاروس",
    ]);

    /// <summary>Other countries, to recognise attendance lists and vote tallies.</summary>
    public static readonly KeywordMatcher OtherCountries = new(
    [
        "russia*", "china", "chinese", "india*", "iran*", "afghanistan", "kazakhstan", "uzbekistan", "kyrgyz*", "tajikistan",
        "turkmenistan", "turkey", "turkiye", "azerbaijan", "armenia*", "mongolia*", "qatar", "egypt*", "saudi*", "emirates", "kenya",
        "united states", "usa", "ukrain*", "germany", "france", "cuba", "venezuela", "nicaragua", "syria*", "korea*", "georgia", "poland", "lithuania", "latvia", "indonesia", "kuwait", "oman",
        "россия", "росси*", "китай", "китая", "индия", "иран", "казахстан*", "узбекистан*", "украин*", "грузи*",
        "روس", "چین", "بھارت", "ایران", "افغانستان",
    ]);
}
