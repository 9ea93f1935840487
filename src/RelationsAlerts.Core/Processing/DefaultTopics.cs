namespace RelationsAlerts.Core.Processing;

/// <summary>The seed taxonomy: fourteen sectors with English, Russian and Urdu keywords. Admins edit the stored copy.</summary>
public static class DefaultTopics
{
    public static IReadOnlyList<Topic> All { get; } =
    [
        Make("agriculture", "Agriculture", "Farming, food, fertiliser and farm machinery",
            "agricultur*, agro*, farm*, tractor*, harvest*, crop*, wheat, rice, seed*, fertili*, potash, livestock, dairy, food security, mtz",
            "сельск*, агро*, трактор*, урожа*, зерн*, удобрени*, калий*, семен*, молоч*, мтз",
            "زراع*, کاشت*, ٹریکٹر*, کھاد, گندم, چاول, فصل*"),
        Make("industry", "Industry", "Manufacturing, machinery and joint production",
            "industr*, manufactur*, factory, factories, plant, assembly, machine*, truck*, maz, belaz, automotive, steel, textile*, joint venture*",
            "промышлен*, завод*, производств*, сборк*, машиностро*, грузовик*, маз, белаз, текстил*",
            "صنعت*, کارخان*, مشینر*, ٹرک*, پیداوار"),
        Make("health", "Health", "Medicine, pharmaceuticals and health care",
            "health*, medic*, pharma*, hospital*, vaccine*, doctor*, drug*, clinic*",
            "здравоохранени*, медицин*, фарма*, лекарств*, больниц*, вакцин*, врач*",
            "صحت, ادوی*, دوا*, ہسپتال*, طبی"),
        Make("trade", "Trade", "Trade turnover, exports, imports, customs and commissions",
            "trade*, export*, import*, turnover, customs, tariff*, commerce, commercial, business forum*, chamber of commerce, free trade, market access, investment*",
            "торгов*, товарооборот*, экспорт*, импорт*, таможен*, пошлин*, бизнес форум*, инвестиц*",
            "تجارت*, برآمد*, درآمد*, کسٹم*, سرمایہ کاری"),
        Make("energy", "Energy", "Power, oil, gas, nuclear and renewables",
            "energy, power plant*, electricity, oil, gas, petroleum, nuclear, solar, hydropower, renewable*, grid",
            "энергети*, электроэнерг*, нефт*, газ*, атомн*, солнечн*, гидро*",
            "توانائی, بجلی, تیل, گیس, جوہری, شمسی"),
        Make("education", "Education", "Universities, scholarships and academic exchange",
            "educat*, universit*, scholarship*, student*, academic*, school*, training, college*",
            "образовани*, университет*, стипенди*, студент*, вуз*, обучени*",
            "تعلیم*, یونیورسٹ*, اسکالرشپ*, طلبہ, طالب علم*"),
        Make("science-technology", "Science & technology", "Research, IT, space and innovation",
            "scien*, technolog*, research*, innovat*, it park*, hi tech park, software, digital*, space, satellite*, academy of sciences",
            "наук*, технолог*, исследовани*, инновац*, парк высоких технологий, программн*, цифров*, космос*, спутник*",
            "سائنس*, ٹیکنالوج*, تحقیق*, ڈیجیٹل, خلائ*"),
        Make("tourism", "Tourism", "Tourism, visas and people-to-people travel",
            "touris*, tourist*, visa*, travel*, visitor*, sanatorium*, flights, direct flight*",
            "туризм*, турист*, виз*, безвиз*, путешеств*, авиарейс*",
            "سیاحت*, سیاح*, ویزا*"),
        Make("media-culture", "Media & culture", "Culture days, arts, news agencies and media",
            "cultur*, art*, film*, museum*, festival*, media, news agenc*, journalis*, heritage, music*, literature",
            "культур*, искусств*, фильм*, музе*, фестивал*, сми, информагентств*, журналист*",
            "ثقاف*, فن*, میڈیا, صحاف*, فلم*"),
        Make("defence-security", "Defence & security", "Defence, military-technical cooperation and security",
            "defen*, military, army, armed forces, security, counter terror*, weapon*, arms, military technical, joint exercise*",
            "оборон*, военн*, армия, армии, безопасност*, вооружен*, военно техническ*",
            "دفاع*, فوج*, سیکیورٹی, سلامتی, عسکری"),
        Make("transport", "Transport", "Rail, road, air and logistics links",
            "transport*, logistic*, rail*, road*, corridor*, freight, cargo, airline*, shipping, port*, transit",
            "транспорт*, логисти*, железн*, коридор*, грузоперевоз*, авиа*, транзит*",
            "ٹرانسپورٹ, ریل*, راہداری, کارگو, لاجسٹک*"),
        Make("environment", "Environment", "Climate, forests, water and disaster response",
            "environment*, climate, forest*, water resource*, ecolog*, pollution, flood*, emission*, biodiversity",
            "экологи*, климат*, лес*, водн*, загрязнени*, наводнени*",
            "ماحول*, موسمیاتی, جنگلات, آلودگی, سیلاب"),
        Make("labour", "Labour", "Workers, migration and employment",
            "labour, labor, worker*, workforce, employment, migrant*, manpower, jobs",
            "трудов*, рабоч*, трудоустро*, мигрант*, занятост*, кадр*",
            "مزدور*, افرادی قوت, روزگار, ملازمت*, محنت کش*"),
        Make("diplomacy", "Diplomacy", "Visits, talks, embassies and political relations",
            "diplomat*, visit*, talks, minister*, president*, prime minister, ambassador*, embassy, envoy*, consultation*, foreign office, summit*, bilateral relation*, relations",
            "диплома*, визит*, переговор*, министр*, президент*, премьер*, посол*, посольств*, консультаци*, отношени*",
            "سفار*, دورہ*, مذاکرات, وزیر*, صدر, وزیراعظم, سفیر*, تعلقات"),
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
