namespace RelationsAlerts.Core.Processing;

/// <summary>The seed taxonomy: fourteen sectors with English, Russian and Urdu keywords. Admins edit the stored copy.</summary>
public static class DefaultTopics
{
    public static IReadOnlyList<Topic> All { get; } =
    [
        Make("agriculture", "Agriculture", "Farming, food, fertiliser and farm machinery",
            "agricultur*, agro*, farm*, tractor*, harvest*, crop*, wheat, rice, seeds, certified seed*, hybrid seed*, seed potato*, fertili*, potash, livestock, dairy, milk, cattle, breed*, fruit*, citrus, kinnow, food security, mtz, mechanis*, mechaniz*",
            "сельск*, агро*, трактор*, урожа*, зерн*, удобрени*, калий*, семен*, молоч*, мтз, скот*, фрукт*, рис, комбайн*",
            "زراع*, زرعی, کاشت*, ٹریکٹر*, کھاد, گندم, چاول, فصل*, مویشی"),
        Make("industry", "Industry", "Manufacturing, machinery and joint production",
            "industr*, manufactur*, factory, factories, assemble*, assembly line*, assembly plant*, local assembly, machinery, machine building, truck*, maz, belaz, automotive, steel, textile*, joint venture*, jv",
            "промышлен*, завод*, производств*, сборк*, машиностро*, грузовик*, маз, белаз, текстил*, самосвал*",
            "صنعت*, کارخان*, مشینر*, ٹرک*, پیداوار, ٹیکسٹائل"),
        Make("health", "Health", "Medicine, pharmaceuticals and health care",
            "health care, healthcare, public health, health ministry, medic*, pharma*, hospital*, vaccine*, doctor*, drug*, clinic*, insulin",
            "здравоохранени*, медицин*, фарма*, лекарств*, больниц*, вакцин*, врач*, инсулин*",
            "صحت, ادوی*, دوا*, ہسپتال*, طبی"),
        Make("trade", "Trade", "Trade turnover, exports, imports, customs and commissions",
            "trade*, export*, import*, turnover, customs, tariff*, commerce, commercial, business forum*, business council*, chamber of commerce, free trade, market*, investment*, shipped, shipment*, trade fair*, trade exhibition*, single country exhibition, showcase*, buyer*, purchase*, procure*, buy, buying, sales, sell*, to supply, will supply, supply contract*, supply deal*, joint venture*, local assembly, service centre*, spare parts, dealer*",
            "торгов*, товарооборот*, экспорт*, импорт*, таможен*, пошлин*, бизнес форум*, инвестиц*, рын*, контракт*, постав*, выставк*, деловой совет, закуп*, продаж*, приобрет*",
            "تجارت*, برآمد*, درآمد*, کسٹم*, سرمایہ کاری, منڈی"),
        Make("energy", "Energy", "Power, oil, gas, coal, nuclear and renewables",
            "energy, power plant*, power sector, electricity, oil, gas, petroleum, coal, nuclear, solar, hydropower, renewable*, grid, transformer*",
            "энергети*, электроэнерг*, нефт*, газ*, атомн*, солнечн*, гидро*, угол*, уголь*, трансформатор*",
            "توانائی, بجلی, تیل, گیس, جوہری, شمسی, کوئلہ"),
        Make("education", "Education", "Universities, scholarships and academic exchange",
            "educat*, universit*, scholarship*, student*, academic*, school*, college*, curricul*, postgraduate, fellowship*, internship*, training course*, professional training",
            "образовани*, университет*, стипенди*, студент*, вуз*, адукацы*",
            "تعلیم*, یونیورسٹ*, اسکالرشپ*, طلبہ, طالب علم*"),
        Make("science-technology", "Science & technology", "Research, IT, space and innovation",
            "scien*, technolog*, research*, innovat*, it park*, hi tech park, software, digital*, space, satellite*, academy of sciences, remote sensing, it specialists, it companies, it sector, information technology",
            "наук*, технолог*, исследовани*, инновац*, парк высоких технологий, программн*, цифров*, космос*, космич*, спутник*, зондировани*",
            "سائنس*, ٹیکنالوج*, تحقیق*, ڈیجیٹل, خلائ*"),
        Make("tourism", "Tourism", "Tourism, visas and people-to-people travel",
            "touris*, tourist*, visa*, travel*, sanatorium*, flights, direct flight*, charter*, resort*",
            "туризм*, турист*, виза, визы, визов*, безвиз*, путешеств*, авиарейс*, чартер*, санатори*",
            "سیاحت*, سیاح*, ویزا*"),
        Make("media-culture", "Media & culture", "Culture days, arts, news agencies and media",
            "cultur*, art, arts, artist*, film*, museum*, festival*, media, news agenc*, news exchange, journalis*, heritage, music*, literature, television, tv, documentar*, poet*",
            "культур*, искусств*, фильм*, музе*, фестивал*, сми, информагентств*, журналист*, новост*, телевиден*, документальн*, тэлебачанн*, дакументальн*",
            "ثقاف*, فن*, میڈیا, صحاف*, فلم*, اقبال, شاعر*"),
        Make("defence-security", "Defence & security", "Defence, military-technical cooperation and security",
            "defen*, military, army, armed forces, national security, regional security, security cooperation, counter terror*, police, weapon*, arms, military technical, joint exercise*, tank*, chiefs of staff",
            "оборон*, военн*, армия, армии, региональн* безопасност*, вооружен*, военно техническ*, начальник* штаб*, полици*",
            "دفاع*, فوج*, سیکیورٹی, عسکری"),
        Make("transport", "Transport", "Rail, road, air and logistics links",
            "transport*, logistic*, rail*, road, roads, highway*, corridor*, freight, airline*, shipping, port, ports, transit, bus, buses, flights, charter*, truck drivers",
            "транспорт*, логисти*, железн*, коридор*, грузоперевоз*, авиа*, транзит*, автобус*, рейс*, чартер*",
            "ٹرانسپورٹ, ریل*, راہداری, کارگو, لاجسٹک*"),
        Make("environment", "Environment", "Climate, forests, water and disaster response",
            "environment*, climate, forest*, water resource*, ecolog*, pollution, flood*, emission*, biodiversity, remote sensing",
            "экологи*, климат*, лес*, водн*, загрязнени*, наводнени*, зондировани*",
            "ماحول*, موسمیاتی, جنگلات, آلودگی, سیلاب"),
        Make("labour", "Labour", "Workers, migration and employment",
            "labour, labor, worker*, workforce, employment, migrant*, manpower, jobs, work permit*, recruit*, hire, hiring, specialists, welders, electricians, drivers",
            "трудов*, рабочих, рабочие, работник*, трудоустро*, мигрант*, занятост*",
            "مزدور*, افرادی قوت, روزگار, ملازمت*, محنت کش*"),
        Make("diplomacy", "Diplomacy", "Leaders' and ministers' visits, political talks, embassies and parliaments",
            "diplomat*, official visit*, state visit*, foreign minister*, foreign office, prime minister, president*, ambassador*, envoy*, consultation*, summit*, bilateral relation*, relations, ties, roadmap, political*, parliament*, lawmaker*, joint ministerial commission, jmc, lukashenko, shehbaz*, shahbaz*, zardari, ishaq dar, ryzhenkov, counterpart*",
            "диплома*, официальн* визит*, государственн* визит*, министр иностранных дел, мид, премьер*, президент*, посол*, консультаци*, отношени*, политическ*, парламент*, депутат*, совместн* комисси*, лукашенк*, шахбаз*, рыженков*, дэпутат*, парламенц*",
            "سفارتی, وزیر خارجہ, وزیراعظم, صدر, سفیر*, تعلقات, مذاکرات, پارلیمان*"),
    ];

    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(t => t.Id)];

    private static Topic Make(string id, string name, string description, string en, string ru, string ur) => new()
    {
        Id = id,
        DisplayName = name,
        Description = description,
        Include = new Dictionary<string, IReadOnlyList<string>> { ["en"] = Split(en), ["ru"] = Split(ru), ["ur"] = Split(ur) },
    };

    private static string[] Split(string terms) => terms.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
