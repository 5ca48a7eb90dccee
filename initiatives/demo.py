"""Demo initiatives in every state across the four hubs (see `manage.py seed_demo`).

Everything is created through the services, so each timeline is the real one; the events are
then spread over the past months so the timelines read like a year of work. Groups write in
their own words, so the texts are Swedish. Idempotent: an initiative already there (same group
and title) is left alone.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from cities.models import CityStaff, GroupMembership, LocalGroup, RightsTheme
from initiatives import services
from initiatives.models import Initiative, InitiativeEvent, Status, SupportGrant
from mobilisering.demo import demo_user

S = Status

# Each initiative: group, title, target status, themes, kind, budget, support, and its texts.
INITIATIVES = [
    # --- Malmö ---------------------------------------------------------------------------------
    {
        "group": "Rosengårds röster",
        "title": "Samråd på riktigt i Rosengård",
        "status": S.IN_REVIEW,
        "themes": ["participation", "discrimination-racism"],
        "kind": "advocacy",
        "budget": 28000,
        "support": ["funding", "mentoring", "premises"],
        "summary": "Vi vill att stadens samråd om Rosengård hålls på tider, platser och språk som gör att de boende faktiskt kan vara med. Vi samlar grannarnas erfarenheter och lägger fram konkreta förslag för stadsbyggnadsnämnden.",
        "right": "Rätten att delta i beslut som rör ens eget liv och närmiljö (artikel 25 i konventionen om medborgerliga och politiska rättigheter).",
        "whom": "Boende i Rosengård, särskilt unga, äldre och de som inte har svenska som förstaspråk.",
        "where": "Rosengård, Malmö",
        "evidence": "Vi har varit på fem samråd det senaste året. Alla hölls dagtid, på svenska och i stadshuset. Av 40 grannar vi intervjuat visste bara sex att samråden fanns.",
        "people": "Ett tjugotal boende i alla åldrar leder arbetet. Unga från fritidsgården gör intervjuerna och äldre grannar hjälper till med översättning.",
        "goals": "- Minst två samråd om året hålls i Rosengård, på kvällstid och med tolk.\n- Stadsbyggnadsnämnden svarar skriftligt på våra förslag.",
        "activities": "1. Intervjuer med 100 grannar.\n2. Fyra öppna kvällsmöten med tolk.\n3. En kort rapport på fem språk.\n4. Möte med nämndens ordförande.",
        "breakdown": "Lokalhyra 6 000 kr, tolkar 12 000 kr, tryck av rapporten 6 000 kr, fika 4 000 kr.",
    },
    {
        "group": "Rosengårds röster",
        "title": "Ungas trygghetsvandringar",
        "status": S.DRAFT,
        "themes": ["childrens-rights"],
        "kind": "",
        "budget": None,
        "support": [],
        "summary": "Unga i Rosengård går tillsammans genom området och pekar ut platser där de känner sig otrygga.",
        "right": "",
        "whom": "Ungdomar 13–19 år i Rosengård.",
        "where": "",
        "evidence": "",
        "people": "",
        "goals": "",
        "activities": "",
        "breakdown": "",
    },
    {
        "group": "Tillgängligt Malmö",
        "title": "Tillgänglighetskartan",
        "status": S.COMPLETED,
        "themes": ["disability", "participation"],
        "kind": "both",
        "budget": 35000,
        "support": ["funding", "communication"],
        "summary": "Personer med funktionsnedsättning granskade 120 mötesplatser i Malmö och gjorde en öppen karta över hur tillgängliga de är. Kartan lämnades till kommunen med krav på åtgärder.",
        "right": "Rätten att delta i samhällslivet på lika villkor (FN:s konvention om rättigheter för personer med funktionsnedsättning, artikel 9).",
        "whom": "Personer med rörelse-, syn- eller hörselnedsättning och deras anhöriga.",
        "where": "Mötesplatser, bibliotek och vårdcentraler i hela Malmö",
        "evidence": "Våra medlemmar stängs ute varje vecka. Kommunens egen inventering från 2012 visar att hälften av lokalerna saknar hörslinga.",
        "people": "Trettio medlemmar gör granskningarna själva, i par.",
        "goals": "En öppen karta, och att kommunen åtgärdar de tio värsta bristerna.",
        "activities": "Utbildning i granskning, 120 besök, en karta på nätet och ett möte med kommunens tillgänglighetsråd.",
        "breakdown": "Resor och ledsagning 15 000 kr, kartverktyg 8 000 kr, utbildning 12 000 kr.",
        "outcomes": "Kommunen har åtgärdat sju av de tio värsta bristerna, bland annat hörslingor på tre bibliotek. Kartan används nu av kommunens egna planerare.",
    },
    {
        "group": "Bostad för alla Malmö",
        "title": "Rätt till förstahandskontrakt",
        "status": S.ACTIVE,
        # Planned to end before now, without a final report yet: the staff start page shows it.
        "days": 150,
        "themes": ["housing", "poverty-exclusion"],
        "kind": "advocacy",
        "budget": 40000,
        "support": ["funding", "contacts", "communication"],
        "summary": "Vi dokumenterar hur familjer med försörjningsstöd nekas förstahandskontrakt och driver krav på att de kommunala bostadsbolagen ändrar sina regler.",
        "right": "Rätten till bostad och rätten att inte diskrimineras (artikel 11 i konventionen om ekonomiska, sociala och kulturella rättigheter).",
        "whom": "Barnfamiljer med försörjningsstöd eller osäkra inkomster.",
        "where": "Malmö",
        "evidence": "Vi har samlat 60 avslag från hyresvärdar där försörjningsstöd angavs som skäl.",
        "people": "Drabbade familjer berättar själva och bestämmer vilka krav vi ställer.",
        "goals": "Att minst ett kommunalt bostadsbolag godtar försörjningsstöd som inkomst.",
        "activities": "Dokumentation av fall, en rapport, ett seminarium med politiker och en debattartikel.",
        "breakdown": "Rapport och layout 15 000 kr, seminarium 15 000 kr, juridisk rådgivning 10 000 kr.",
    },
    {
        "group": "Kvinnor i Sofielund",
        "title": "Stöd på mitt språk",
        "status": S.APPROVED,
        "themes": ["gender-violence", "work-income"],
        "kind": "concrete",
        "budget": 22000,
        "support": ["funding", "training", "premises"],
        "summary": "Kvinnor som själva har levt med våld utbildas till stödpersoner som kan berätta om samhällets stöd på arabiska, somaliska och persiska.",
        "right": "Rätten till ett liv fritt från våld och rätten till information om sina rättigheter.",
        "whom": "Kvinnor i Sofielund som lever med eller har lämnat våld och som inte talar svenska.",
        "where": "Sofielund, Malmö",
        "evidence": "Flera i gruppen har själva sökt hjälp utan att förstå vilket stöd de hade rätt till.",
        "people": "Tolv kvinnor i gruppen utbildas och håller sedan samtalsträffar.",
        "goals": "Att 100 kvinnor får information om sina rättigheter på sitt eget språk.",
        "activities": "En utbildning i fyra träffar, därefter samtalsträffar varannan vecka.",
        "breakdown": "Utbildare 10 000 kr, barnpassning 6 000 kr, lokal och fika 6 000 kr.",
    },
    {
        "group": "Läxhjälp på modersmål",
        "title": "Läxhjälp i biblioteket",
        "status": S.COMPLETED,
        "themes": ["education", "childrens-rights"],
        "kind": "concrete",
        "budget": 18000,
        "support": ["funding", "premises"],
        "summary": "Frivilliga gav läxhjälp på modersmål två kvällar i veckan på stadsdelsbiblioteket under ett läsår.",
        "right": "Barnets rätt till utbildning på lika villkor (barnkonventionen, artikel 28).",
        "whom": "Barn som nyss kommit till Sverige, i årskurs 4–9.",
        "where": "Stadsdelsbiblioteket i Rosengård",
        "evidence": "Skolorna i området berättade att många nyanlända elever inte når målen i matematik och NO.",
        "people": "Femton frivilliga studenter och lärare, och föräldrarna som hjälpte till att sprida ordet.",
        "goals": "Att 60 barn får regelbunden läxhjälp och att fler når målen.",
        "activities": "Läxhjälp två kvällar i veckan, föräldraträffar varje månad.",
        "breakdown": "Material 6 000 kr, fika 4 000 kr, resor för frivilliga 8 000 kr.",
        "outcomes": "74 barn kom regelbundet. Skolan rapporterar att andelen som når målen i matematik ökade. Biblioteket fortsätter verksamheten på egen hand.",
    },
    # --- Göteborg ------------------------------------------------------------------------------
    {
        "group": "Hisingens hyresgästnätverk",
        "title": "Renovering utan utflyttning",
        "status": S.ACTIVE,
        "themes": ["housing", "participation"],
        "kind": "advocacy",
        "budget": 30000,
        "support": ["funding", "mentoring"],
        "summary": "Hyresgäster i områden som ska renoveras organiserar sig för att få inflytande över hur renoveringarna görs och vad de kostar.",
        "right": "Rätten till bostad och till inflytande över sitt boende.",
        "whom": "Hyresgäster med låga inkomster, många äldre.",
        "where": "Norra Hisingen, Göteborg",
        "evidence": "I två områden har hyrorna höjts med över 50 procent efter renovering, och många har fått flytta.",
        "people": "Hyresgästerna själva leder arbetet i varje trappuppgång.",
        "goals": "Att hyresvärden erbjuder ett val mellan olika renoveringsnivåer.",
        "activities": "Husmöten, en enkät till alla hushåll och förhandling med hyresvärden.",
        "breakdown": "Enkät och tryck 10 000 kr, möteslokaler 8 000 kr, juridisk rådgivning 12 000 kr.",
    },
    {
        "group": "Angereds unga röster",
        "title": "Ungas fritidsenkät",
        "status": S.COMPLETED,
        "themes": ["childrens-rights", "participation"],
        "kind": "advocacy",
        "budget": 15000,
        "support": ["funding", "training"],
        "summary": "Unga i Angered gjorde en egen enkät om fritid och trygghet och presenterade svaren för kommunfullmäktige.",
        "right": "Barns rätt att uttrycka sina åsikter och bli hörda (barnkonventionen, artikel 12).",
        "whom": "Ungdomar 12–18 år i Angered.",
        "where": "Angered, Göteborg",
        "evidence": "Fritidsgårdar har stängts utan att unga tillfrågats.",
        "people": "Tio unga ledde arbetet, 400 svarade på enkäten.",
        "goals": "Att unga får en plats i planeringen av fritidsverksamheten.",
        "activities": "Utbildning i enkätmetod, insamling i skolor, presentation för politiker.",
        "breakdown": "Utbildning 5 000 kr, tryck 4 000 kr, presentation 6 000 kr.",
        "outcomes": "Kommunen har inrättat ett ungdomsråd i Angered där fyra av våra deltagare sitter. En fritidsgård har fått längre öppettider.",
    },
    {
        "group": "Vård utan papper Göteborg",
        "title": "Vårdlotsar för papperslösa",
        "status": S.APPROVED,
        "themes": ["health", "asylum-migration"],
        "kind": "concrete",
        "budget": 25000,
        "support": ["funding", "contacts"],
        "summary": "Frivilliga vårdlotsar följer papperslösa till vårdcentralen och hjälper dem att få den vård de har rätt till.",
        "right": "Rätten till bästa möjliga hälsa (konventionen om ekonomiska, sociala och kulturella rättigheter, artikel 12).",
        "whom": "Papperslösa vuxna och barn i Göteborg.",
        "where": "Vårdcentraler i Göteborg",
        "evidence": "Vår mottagning möter varje vecka personer som nekats vård som inte kan anstå.",
        "people": "Tjugo vårdlotsar, varav flera själva har varit papperslösa.",
        "goals": "Att 150 personer får vård med stöd av en lots.",
        "activities": "Utbildning av lotsar, jourtelefon, följe till vården.",
        "breakdown": "Utbildning 8 000 kr, telefon 5 000 kr, resor 12 000 kr.",
    },
    {
        "group": "Romska kvinnors forum",
        "title": "Antiziganism i skolan",
        "status": S.ACTIVE,
        "themes": ["discrimination-racism", "education"],
        "kind": "both",
        "budget": 32000,
        "support": ["funding", "training", "communication"],
        "summary": "Romska mammor föreläser för lärare om antiziganism och stöttar familjer i kontakten med skolan.",
        "right": "Rätten till utbildning utan diskriminering.",
        "whom": "Romska barn och deras familjer.",
        "where": "Skolor i Göteborg",
        "evidence": "Romska barn hoppar oftare av skolan, och familjerna berättar om misstro från personalen.",
        "people": "Åtta romska kvinnor håller i föreläsningarna.",
        "goals": "Att 20 skolor får en föreläsning och att fler romska barn fullföljer skolan.",
        "activities": "Föreläsningar, familjeträffar och en kort film.",
        "breakdown": "Film 15 000 kr, arvoden 12 000 kr, resor 5 000 kr.",
    },
    {
        "group": "Äldre tillsammans i Biskopsgården",
        "title": "Luncher mot ensamhet",
        "status": S.SUBMITTED,
        "themes": ["older-people", "poverty-exclusion"],
        "kind": "concrete",
        "budget": 12000,
        "support": ["funding", "premises"],
        "summary": "Gemensamma luncher varje vecka för äldre som lever ensamma, med information om äldreomsorgens stöd.",
        "right": "Rätten till social trygghet och till ett värdigt liv på äldre dagar.",
        "whom": "Äldre med låg pension, många med utländsk bakgrund.",
        "where": "Biskopsgården, Göteborg",
        "evidence": "Vi känner många som inte har pratat med någon på flera dagar och inte vet vart de ska vända sig.",
        "people": "Äldre boende planerar luncherna själva.",
        "goals": "Att 40 äldre träffas varje vecka och att fler söker det stöd de har rätt till.",
        "activities": "Lunch varje tisdag, besök av biståndshandläggare en gång i månaden.",
        "breakdown": "Mat 8 000 kr, lokal 4 000 kr.",
    },
    {
        "group": "Hisingens hyresgästnätverk",
        "title": "Hyresgästskola för alla",
        "status": S.DECLINED,
        "themes": ["housing"],
        "kind": "concrete",
        "budget": 90000,
        "support": ["funding"],
        "summary": "En utbildning i hyresrätt för alla hyresgäster på Hisingen.",
        "right": "Rätten till bostad.",
        "whom": "Alla hyresgäster på Hisingen.",
        "where": "Hisingen",
        "evidence": "Många känner inte till sina rättigheter som hyresgäster.",
        "people": "Nätverkets styrelse.",
        "goals": "Att alla hyresgäster känner till sina rättigheter.",
        "activities": "En utbildning.",
        "breakdown": "Kursledare 90 000 kr.",
    },
    # --- Stockholm -----------------------------------------------------------------------------
    {
        "group": "Järvaforum för rättvisa",
        "title": "Känn dina rättigheter vid kontroller",
        "status": S.ACTIVE,
        "themes": ["discrimination-racism", "participation"],
        "kind": "both",
        "budget": 26000,
        "support": ["funding", "training", "contacts"],
        "summary": "Workshoppar för unga i Järva om deras rättigheter när polisen stoppar dem, och en dialog med lokalpolisen om bemötande.",
        "right": "Rätten att inte diskrimineras och rätten till skydd mot godtyckliga ingripanden.",
        "whom": "Unga i Järva, särskilt unga män med utländsk bakgrund.",
        "where": "Rinkeby, Tensta och Husby",
        "evidence": "I vår enkät till 200 unga hade hälften stoppats minst en gång utan att få veta varför.",
        "people": "Unga leder workshopparna tillsammans med en jurist.",
        "goals": "Att 300 unga känner till sina rättigheter och att polisen inför kvitton vid kontroller.",
        "activities": "Tio workshoppar, en enkät, tre dialogmöten med polisen.",
        "breakdown": "Jurist 12 000 kr, lokal 6 000 kr, material 8 000 kr.",
    },
    {
        "group": "Hemlösa kvinnors röst",
        "title": "Härbärge för kvinnor",
        "status": S.COMPLETED,
        "themes": ["housing", "gender-violence"],
        "kind": "advocacy",
        "budget": 20000,
        "support": ["funding", "communication"],
        "summary": "Kvinnor med erfarenhet av hemlöshet berättade för socialnämnden varför härbärgena inte fungerar för kvinnor som flytt våld.",
        "right": "Rätten till bostad och till skydd mot våld.",
        "whom": "Hemlösa kvinnor, många som utsatts för våld.",
        "where": "Stockholm",
        "evidence": "Många i gruppen har sovit ute hellre än på blandade härbärgen.",
        "people": "Gruppens medlemmar berättade sina egna historier.",
        "goals": "Ett härbärge enbart för kvinnor.",
        "activities": "Berättarkvällar, en utställning och ett möte med socialnämnden.",
        "breakdown": "Utställning 12 000 kr, möten 8 000 kr.",
        "outcomes": "Staden öppnade ett härbärge med 20 platser enbart för kvinnor. Tre av gruppens medlemmar anlitas som rådgivare.",
    },
    {
        "group": "Teckenspråkiga i Stockholm",
        "title": "Tolk i vården",
        "status": S.APPROVED,
        "themes": ["disability", "health"],
        "kind": "advocacy",
        "budget": 18000,
        "support": ["funding", "contacts"],
        "summary": "Vi kartlägger hur ofta döva får vård utan tolk och driver kravet att regionen alltid bokar tolk.",
        "right": "Rätten till hälsa och tillgänglig information.",
        "whom": "Döva och hörselskadade i Stockholms län.",
        "where": "Vårdcentraler och sjukhus i Stockholm",
        "evidence": "Medlemmar berättar om besök där ingen tolk fanns och de inte förstod sin diagnos.",
        "people": "Döva medlemmar samlar in berättelser på teckenspråk.",
        "goals": "Att regionen inför en rutin för tolkbokning.",
        "activities": "Insamling av berättelser, en film på teckenspråk, möten med regionen.",
        "breakdown": "Film 10 000 kr, möten 8 000 kr.",
    },
    {
        "group": "Söderorts arbetslösa",
        "title": "Granska åtgärderna",
        "status": S.COMPLETED,
        "themes": ["work-income"],
        "kind": "advocacy",
        "budget": 10000,
        "support": ["mentoring", "communication"],
        "summary": "Långtidsarbetslösa granskade vilka arbetsmarknadsåtgärder som leder till jobb och presenterade resultatet för Arbetsförmedlingen.",
        "right": "Rätten till arbete och social trygghet.",
        "whom": "Långtidsarbetslösa i Söderort.",
        "where": "Söderort, Stockholm",
        "evidence": "Många av oss har gått samma utbildning flera gånger utan att få jobb.",
        "people": "Gruppens medlemmar intervjuade varandra och andra arbetslösa.",
        "goals": "Att Arbetsförmedlingen lyssnar på deltagarnas erfarenheter.",
        "activities": "Intervjuer, en rapport och ett möte.",
        "breakdown": "Tryck 4 000 kr, möten 6 000 kr.",
        "outcomes": "Arbetsförmedlingen i Söderort har bjudit in gruppen till ett brukarråd två gånger per år.",
    },
    {
        "group": "EU-migranters stöd",
        "title": "Vinternatt i församlingen",
        "status": S.DISCONTINUED,
        "themes": ["poverty-exclusion", "asylum-migration"],
        "kind": "concrete",
        "budget": 24000,
        "support": ["funding", "premises"],
        "summary": "Sovplatser i församlingshemmet under vinterns kallaste månader.",
        "right": "Rätten till en skälig levnadsstandard.",
        "whom": "EU-medborgare i utsatthet.",
        "where": "Södermalm, Stockholm",
        "evidence": "Vi möter varje kväll människor som sover ute i kylan.",
        "people": "Frivilliga från församlingen och gästerna själva.",
        "goals": "Tjugo sovplatser varje natt från december till mars.",
        "activities": "Nattöppet, frukost, rådgivning.",
        "breakdown": "Sängar och sängkläder 14 000 kr, mat 10 000 kr.",
    },
    {
        "group": "Järvaforum för rättvisa",
        "title": "Skolval för alla",
        "status": S.CHANGES_REQUESTED,
        "themes": ["education", "participation"],
        "kind": "advocacy",
        "budget": 16000,
        "support": ["funding", "mentoring"],
        "summary": "Information till föräldrar i Järva om hur skolvalet fungerar, så att alla barn får en verklig möjlighet att välja.",
        "right": "Rätten till utbildning på lika villkor.",
        "whom": "Föräldrar som inte talar svenska.",
        "where": "Järva, Stockholm",
        "evidence": "Många föräldrar missar skolvalet för att informationen bara finns på svenska.",
        "people": "Föräldrar som redan gjort skolvalet hjälper andra.",
        "goals": "Att fler föräldrar gör ett aktivt skolval.",
        "activities": "Informationsträffar på sex språk.",
        "breakdown": "Tolkar 10 000 kr, lokaler 6 000 kr.",
    },
    # --- Linköping -----------------------------------------------------------------------------
    {
        "group": "Skäggetorps grannar",
        "title": "Service tillbaka till Skäggetorp",
        "status": S.ACTIVE,
        "themes": ["participation", "poverty-exclusion"],
        "kind": "advocacy",
        "budget": 20000,
        "support": ["funding", "contacts"],
        "summary": "Grannar kräver att vårdcentral, apotek och bankomat kommer tillbaka till Skäggetorps centrum.",
        "right": "Rätten till hälsa och till likvärdig samhällsservice.",
        "whom": "Boende i Skäggetorp, särskilt äldre och personer utan bil.",
        "where": "Skäggetorp, Linköping",
        "evidence": "Vårdcentralen flyttade 2014; nu har många en timmes resa till närmaste vård.",
        "people": "Grannar i alla åldrar samlar namn och ordnar möten.",
        "goals": "Att en vårdcentral öppnar i Skäggetorp igen.",
        "activities": "Namninsamling, öppna möten, uppvaktning av regionen.",
        "breakdown": "Tryck 6 000 kr, möten 8 000 kr, resor 6 000 kr.",
    },
    {
        "group": "Funktionsrätt Östergötland ung",
        "title": "Anpassad skola nu",
        "status": S.COMPLETED,
        "themes": ["disability", "education"],
        "kind": "advocacy",
        "budget": 14000,
        "support": ["funding", "training"],
        "summary": "Unga med funktionsnedsättning granskade hur skolor i Linköping anpassar undervisningen och lämnade förslag till utbildningsnämnden.",
        "right": "Rätten till utbildning på lika villkor (FN:s funktionsrättskonvention, artikel 24).",
        "whom": "Elever med funktionsnedsättning.",
        "where": "Skolor i Linköping",
        "evidence": "Våra medlemmar har själva gått utan anpassningar i flera år.",
        "people": "Tolv unga gjorde granskningen.",
        "goals": "Att alla skolor har en plan för anpassningar.",
        "activities": "Enkät till elever, skolbesök, rapport.",
        "breakdown": "Rapport 6 000 kr, resor 8 000 kr.",
        "outcomes": "Utbildningsnämnden har beslutat att alla skolor ska ha en handlingsplan för anpassningar från nästa läsår.",
    },
    {
        "group": "Nyanlända föräldrar i Ryd",
        "title": "Föräldraträffar om skolan",
        "status": S.APPROVED,
        "themes": ["education", "childrens-rights"],
        "kind": "concrete",
        "budget": 12000,
        "support": ["funding", "premises"],
        "summary": "Träffar där nyanlända föräldrar får lära sig hur den svenska skolan fungerar och hur de kan stötta sina barn.",
        "right": "Barnets rätt till utbildning och föräldrarnas rätt till information.",
        "whom": "Nyanlända föräldrar i Ryd.",
        "where": "Ryd, Linköping",
        "evidence": "Föräldrar berättar att de inte förstår brev och lappar från skolan.",
        "people": "Föräldrar som varit i Sverige längre leder träffarna.",
        "goals": "Att 50 föräldrar deltar och känner sig tryggare i kontakten med skolan.",
        "activities": "Åtta träffar med tolk.",
        "breakdown": "Tolk 8 000 kr, fika 4 000 kr.",
    },
    {
        "group": "Linköpings pensionärer i samverkan",
        "title": "Digitala studiecirklar",
        "status": S.ACTIVE,
        "themes": ["older-people", "health"],
        "kind": "concrete",
        "budget": 16000,
        "support": ["funding", "training"],
        "summary": "Studiecirklar där äldre lär sig använda bank-id, 1177 och digitala tjänster.",
        "right": "Rätten till hälsa och till tillgång till samhällets tjänster.",
        "whom": "Äldre utan vana vid datorer och mobiler.",
        "where": "Linköping",
        "evidence": "Många av våra medlemmar kan inte längre boka vård eller betala räkningar.",
        "people": "Pensionärer som kan tekniken lär ut till andra.",
        "goals": "Att 100 äldre kan använda bank-id och 1177.",
        "activities": "Tio studiecirklar.",
        "breakdown": "Surfplattor att låna 10 000 kr, material 6 000 kr.",
    },
    {
        "group": "Kvinnojour Berga",
        "title": "Bostad efter jouren",
        "status": S.WITHDRAWN,
        "themes": ["gender-violence", "housing"],
        "kind": "advocacy",
        "budget": 20000,
        "support": ["funding"],
        "summary": "Ett samarbete med bostadsbolagen så att kvinnor som lämnar jouren får en egen bostad.",
        "right": "Rätten till bostad och skydd mot våld.",
        "whom": "Kvinnor och barn som lämnar skyddat boende.",
        "where": "Linköping",
        "evidence": "Kvinnor blir kvar på jouren i månader för att det saknas bostäder.",
        "people": "Jourens frivilliga och tidigare boende.",
        "goals": "Ett avtal med minst ett bostadsbolag.",
        "activities": "Möten med bostadsbolagen.",
        "breakdown": "Möten 20 000 kr.",
    },
    {
        "group": "Skäggetorps grannar",
        "title": "Grannskapsråd i Skäggetorp",
        "status": S.IN_REVIEW,
        "themes": ["participation"],
        "kind": "advocacy",
        "budget": 8000,
        "support": ["mentoring", "premises"],
        "summary": "Ett öppet grannskapsråd som träffas varje månad och för fram de boendes frågor till kommunen.",
        "right": "Rätten att delta i beslut som rör ens närmiljö.",
        "whom": "Alla boende i Skäggetorp.",
        "where": "Skäggetorp, Linköping",
        "evidence": "Kommunens dialogmöten har få deltagare från området.",
        "people": "Grannar turas om att leda mötena.",
        "goals": "Att kommunen svarar på rådets frågor inom en månad.",
        "activities": "Månatliga möten och ett årligt möte med kommunalråden.",
        "breakdown": "Lokal 4 000 kr, fika 4 000 kr.",
    },
    {
        "group": "Tillgängligt Malmö",
        "title": "Lätt svenska på vårdcentralen",
        "status": S.SUBMITTED,
        "themes": ["disability", "health"],
        "kind": "both",
        "budget": 18000,
        "support": ["funding", "contacts", "communication"],
        "summary": "Vi granskar skyltar, kallelser och webbsidor på tre vårdcentraler tillsammans med personer med intellektuell funktionsnedsättning och föreslår texter på lätt svenska.",
        "right": "Rätten till hälsa och till information man kan förstå.",
        "whom": "Personer med intellektuell funktionsnedsättning, och andra som har svårt att läsa.",
        "where": "Tre vårdcentraler i södra Malmö",
        "evidence": "Medlemmar har missat besök för att kallelsen var obegriplig, och vårdcentralernas webbsidor saknar lätt svenska.",
        "people": "Sex granskare med egen erfarenhet leder arbetet, med stöd av två anhöriga.",
        "goals": "Att vårdcentralerna byter ut minst tio texter och att regionen tar fram kallelser på lätt svenska.",
        "activities": "Granskningsbesök, en träff med vårdcentralernas chefer och en rapport till regionen.",
        "breakdown": "Arvoden till granskarna 12 000 kr, tryck 3 000 kr, fika och resor 3 000 kr.",
    },
]

# The steps to each state (besides the draft), as (transition, who).
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: ["submit"],
    S.IN_REVIEW: ["submit", "start_review"],
    S.CHANGES_REQUESTED: ["submit", "start_review", "request_changes"],
    S.APPROVED: ["submit", "start_review", "approve"],
    S.ACTIVE: ["submit", "start_review", "approve", "start", "report"],
    S.COMPLETED: ["submit", "start_review", "approve", "start", "report", "final", "complete"],
    S.DECLINED: ["submit", "start_review", "decline"],
    S.WITHDRAWN: ["submit", "withdraw"],
    S.DISCONTINUED: ["submit", "start_review", "approve", "start", "discontinue"],
}
STAFF_STEPS = {"start_review", "request_changes", "approve", "decline", "complete", "discontinue"}
MESSAGES = {
    "request_changes": "Tack för ett genomtänkt förslag! Innan vi kan besluta vill vi att ni beskriver hur föräldrarna själva är med och bestämmer, och delar upp budgeten per aktivitet.",
    "decline": "Vi kan tyvärr inte stödja förslaget i den här formen: budgeten är större än programmets ram och det framgår inte vilka som deltar. Välkomna att söka igen med ett mindre initiativ.",
    "discontinue": "Församlingshemmet fick inte tillstånd för övernattning, så verksamheten avbryts efter samråd med gruppen. Återstående medel betalas inte ut.",
    "withdraw": "Vi drar tillbaka förslaget eftersom kommunen själv har startat ett liknande arbete.",
}
SUPPORT_TERMS = "Stadsmissionen bidrar med {amount} kr och en handledare medan initiativet pågår. Gruppen lämnar en lägesrapport efter halva tiden och en slutrapport senast en månad efter avslut."


def _member(group: LocalGroup):
    """The group's first admin (or member); a demo contact person when it has none."""
    # "admin" sorts before "member".
    membership = group.memberships.select_related("user").order_by("role", "pk").first()
    if membership:
        return membership.user
    user = demo_user(f"kontakt.{slugify(group.name)}@example.org", first_name="Kontakt")
    GroupMembership.objects.get_or_create(user=user, group=group, defaults={"role": "admin"})
    return user


def _report(spec: dict, *, final: bool, start: datetime.date) -> dict:
    return {
        "period_start": start,
        "period_end": start + datetime.timedelta(days=90 if not final else 180),
        "done": "Vi har genomfört de aktiviteter vi planerade för perioden: " + spec["activities"],
        "people_reached": 120 if final else 45,
        "activities_held": 14 if final else 5,
        "volunteers": 12 if final else 8,
        "outcomes": spec.get("outcomes", "") if final else "Fler har hört av sig till gruppen.",
        "lessons": "Tolkning och kvällstider gör att fler kan delta. Det tar tid att bygga förtroende.",
        "consent_to_feature": final,
    }


def _spread(initiative: Initiative, now: datetime.datetime) -> None:
    """Place the timeline's events about ten days apart, the last a few days before `now`, and
    the initiative's dates with them, so the demo timelines read like real ones."""
    events = list(initiative.events.order_by("created_at", "pk"))
    start = now - datetime.timedelta(days=10 * len(events) + 3)
    for index, event in enumerate(events):
        event.created_at = start + datetime.timedelta(days=10 * index, hours=9 + index % 7)
    InitiativeEvent.objects.bulk_update(events, ["created_at"])
    first = {e.transition: e.created_at for e in reversed(events) if e.transition}
    for event in events:
        if event.grant_id:
            SupportGrant.objects.filter(pk=event.grant_id).update(date=event.created_at.date())
    Initiative.objects.filter(pk=initiative.pk).update(
        created_at=start,
        submitted_at=first.get("resubmit") or first.get("submit"),
        decided_at=first.get("approve") or first.get("decline"),
    )


def _create(spec: dict, staff_by_city: dict, themes: dict, now) -> Initiative | None:
    group = LocalGroup.objects.filter(name=spec["group"]).select_related("city").first()
    if group is None or group.initiatives.filter(title=spec["title"]).exists():
        return None
    member = _member(group)
    staff = staff_by_city[group.city_id]
    today = timezone.localdate()
    status = spec["status"]
    # Proposals still waiting for a decision plan to start soon; decided ones started months ago.
    undecided = {S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.WITHDRAWN}
    starts = None
    if status != S.DRAFT:
        starts = today + datetime.timedelta(days=45 if status in undecided else -200)
    data = {
        "title": spec["title"],
        "summary": spec["summary"],
        "right_at_stake": spec["right"],
        "rights_holders": spec["whom"],
        "location": spec["where"],
        "evidence": spec["evidence"],
        "people_concerned": spec["people"],
        "goals": spec["goals"],
        "activities": spec["activities"],
        "kind_of_work": spec["kind"],
        "themes": [themes[slug] for slug in spec["themes"] if slug in themes],
        "planned_start": starts,
        "planned_end": starts + datetime.timedelta(days=spec.get("days", 300)) if starts else None,
        "budget_sek": spec["budget"],
        "cost_breakdown": spec["breakdown"],
        "support_requested": spec["support"],
    }
    initiative = services.create_draft(group=group, actor=member, data=data)
    for step in PATHS[status]:
        if step in {"report", "final"}:
            services.add_report(
                initiative=initiative,
                actor=member,
                data=_report(spec, final=step == "final", start=starts),
                final=step == "final",
                notify=False,
            )
            continue
        if step == "approve":
            for criterion, score in [
                ("participation", 5),
                ("non_discrimination", 4),
                ("empowerment", 4),
                ("accountability", 3),
                ("feasibility", 4),
            ]:
                services.record_assessment(
                    initiative=initiative,
                    actor=staff,
                    criterion=criterion,
                    score=score,
                    note="Väl förankrat hos de berörda." if criterion == "participation" else "",
                )
        services.transition(
            initiative=initiative,
            name=step,
            actor=staff if step in STAFF_STEPS else member,
            message=MESSAGES.get(step, ""),
            support_terms=SUPPORT_TERMS.format(
                amount=f"{spec['budget'] or 0:,}".replace(",", "\u00a0")
            )
            if step == "approve"
            else "",
            notify=False,
        )
        if step == "start_review":
            services.assign_reviewer(initiative=initiative, actor=staff, reviewer=staff)
            services.add_comment(
                initiative=initiative,
                actor=staff,
                body="Intressant förslag. Kolla att budgeten håller och att gruppen har kontakt med förvaltningen.",
                internal=True,
            )
        if step == "approve":
            services.record_grant(
                initiative=initiative,
                actor=staff,
                kind="funding",
                amount_sek=spec["budget"],
                note="Utbetalas i två delar.",
                public=status == S.COMPLETED,
            )
            services.record_grant(
                initiative=initiative,
                actor=staff,
                kind="mentoring",
                note="En handledare från stadsmissionen träffar gruppen en gång i månaden.",
            )
            services.add_comment(
                initiative=initiative,
                actor=staff,
                body="Grattis! Hör av er när ni vill boka första handledarträffen.",
                notify=False,
            )
    if status == S.IN_REVIEW:
        services.add_comment(
            initiative=initiative,
            actor=staff,
            body="Hej! Vi har börjat läsa ert förslag. Finns det redan ett datum för mötet med nämnden?",
            notify=False,
        )
        services.record_assessment(
            initiative=initiative,
            actor=staff,
            criterion="participation",
            score=5,
            note="Boende leder arbetet.",
        )
    _spread(initiative, now)
    return initiative


def seed(stdout) -> None:
    staff_by_city = {}
    for staff in CityStaff.objects.select_related("user").order_by("pk"):
        staff_by_city.setdefault(staff.city_id, staff.user)
    themes = {theme.slug: theme for theme in RightsTheme.objects.all()}
    now = timezone.now()
    created = 0
    for spec in INITIATIVES:
        if _create(spec, staff_by_city, themes, now) is not None:
            created += 1
    stdout.write(f"Demo initiatives ready: {created} new, {Initiative.objects.count()} in all.")
