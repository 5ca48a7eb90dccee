"""Demo stories and a published handbook edition (see `manage.py seed_demo`).

Thirteen published stories across the four hubs, some started from the demo's completed
initiatives (as an editor would), the others written from scratch; a few drafts; and the
edition "2015" with five chapters. Every story has an illustration drawn here with Pillow and
passed through the portal's picture helper like any upload. Idempotent: a story already there
(same slug) and the edition are left as they are.
"""

import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from cities.models import City, LocalGroup, RightsTheme
from handbook import services
from handbook.models import Edition, Example, Status
from initiatives.models import Initiative
from mobilisering import images

PLUM, PLUM_DARK, ROSE, PINK, BLUSH = "#7a1f48", "#5a1434", "#c2527f", "#f5c0d6", "#fbeef4"
SKIN = ["#8d5524", "#c68642", "#e0ac69", "#f1c27d", "#ffdbac", "#5c3a21"]
CLOTHES = [PLUM, ROSE, "#1d4ed8", "#0f766e", "#b45309", "#334155", "#9d174d"]

P, D, R = Status.PUBLISHED, Status.DRAFT, Status.IN_REVIEW

# Each story: slug, city, group, source initiative title (or None), status, themes, motif of its
# picture, and its texts in Swedish and English.
STORIES = [
    {
        "slug": "stafettvandringen-for-asylsokandes-rattigheter",
        "city": "goteborg",
        "group": "Vård utan papper Göteborg",
        "status": P,
        "themes": ["asylum-migration", "participation"],
        "motif": "walk",
        "title": (
            "Stafettvandringen för asylsökandes rättigheter",
            "The relay walk for the rights of asylum seekers",
        ),
        "summary": (
            "Under tre veckor bar asylsökande, grannar och församlingar en stafettpinne med brev från Göteborg till Stockholm, för att kräva en rättssäker asylprövning och rätt till vård.",
            "For three weeks, asylum seekers, neighbours and congregations carried a baton of letters from Gothenburg to Stockholm, calling for fair asylum decisions and the right to health care.",
        ),
        "body": (
            "Det började med en fråga på ett av gruppens kvällsmöten: *Hur får vi dem som fattar besluten att lyssna på oss som berörs?* Svaret blev en stafettvandring. Varje dag gick en ny grupp en sträcka på två till tre mil och lämnade sedan över stafettpinnen — en ihålig trästav full av handskrivna brev — till nästa.\n\n## Hela vägen, tillsammans\n\nTrettiotvå församlingar, föreningar och grannskapsgrupper längs vägen tog emot vandrarna med soppa, sovplatser och samtal. I varje ort hölls ett öppet möte där asylsökande själva berättade om väntan, om osäkerheten och om vad det betyder att inte få vård. Lokaltidningar skrev om mötena, och flera kommunpolitiker gick med en bit.\n\n## Framme i Stockholm\n\nDen sista dagen gick tvåhundra personer över Riksbron. Breven — 1 140 stycken — lämnades till riksdagens socialförsäkringsutskott och till Migrationsverkets generaldirektör, som tog emot dem personligen och lovade ett svar.",
            "It began with a question at one of the group's evening meetings: *How do we get the people who make the decisions to listen to those of us they affect?* The answer was a relay walk. Every day a new group walked a stage of twenty to thirty kilometres and then handed the baton — a hollow wooden staff full of handwritten letters — to the next.\n\n## All the way, together\n\nThirty-two congregations, associations and neighbourhood groups along the route welcomed the walkers with soup, beds and conversation. In every town an open meeting was held where asylum seekers themselves spoke about the waiting, the uncertainty and what it means to be refused care. Local papers covered the meetings, and several local politicians walked part of the way.\n\n## Arriving in Stockholm\n\nOn the last day two hundred people crossed Riksbron. The letters — 1,140 of them — were handed to the parliament's social insurance committee and to the Director-General of the Migration Agency, who received them in person and promised an answer.",
        ),
        "lessons": (
            "- Låt de berörda tala själva: det var berättelserna, inte siffrorna, som fick politikerna att stanna.\n- Ett tydligt slutmål (breven i Stockholm) höll ihop trettio olika grupper.\n- Planera vila och värme: en lång vandring kräver lika mycket omsorg som organisering.",
            "- Let the people concerned speak for themselves: the stories, not the figures, made politicians stop and listen.\n- A clear final goal (the letters in Stockholm) held thirty different groups together.\n- Plan for rest and warmth: a long walk needs as much care as organising.",
        ),
        "caption": (
            "Stafettpinnen lämnas över i Jönköping.",
            "The baton changes hands in Jönköping.",
        ),
    },
    {
        "slug": "hyresgastskolan-pa-hisingen",
        "city": "goteborg",
        "group": "Hisingens hyresgästnätverk",
        "status": P,
        "themes": ["housing", "participation"],
        "motif": "houses",
        "title": ("Hyresgästskolan på Hisingen", "The tenants' school on Hisingen"),
        "summary": (
            "När hyresvärden aviserade stora renoveringar startade grannarna en egen skola i hyresrätt — på sju språk. Ett år senare förhandlade de fram en renovering som gick att bo kvar i.",
            "When the landlord announced major renovations, the neighbours started their own school in tenants' rights — in seven languages. A year later they had negotiated a renovation people could afford to stay through.",
        ),
        "body": (
            "Beskedet kom i brevlådan: badrum, kök och stammar skulle bytas, och hyran höjas med upp till 50 procent. Många av de boende förstod inte brevet, och ännu fler visste inte att de hade rätt att säga nej.\n\nNätverket bjöd in till studiecirklar i tvättstugan och i föreningslokalen. Boende som själva hade läst på blev cirkelledare och höll träffarna på arabiska, somaliska, persiska, bosniska, tigrinja, finska och svenska.\n\n## Förhandlingen\n\nNär hyresvärden kallade till samråd kom 140 hushåll — med frågor förberedda. Resultatet blev en renovering i etapper, ett val mellan standardnivåer och ett tak för hyreshöjningen.",
            "The news came in the letterbox: bathrooms, kitchens and pipes would be replaced, and rents raised by up to 50 per cent. Many tenants did not understand the letter, and even more did not know they had the right to say no.\n\nThe network invited people to study circles in the laundry room and the association's room. Tenants who had read up themselves became circle leaders and held the meetings in Arabic, Somali, Persian, Bosnian, Tigrinya, Finnish and Swedish.\n\n## The negotiation\n\nWhen the landlord called a consultation, 140 households came — with their questions prepared. The result was a renovation in stages, a choice between standards and a cap on the rent increase.",
        ),
        "lessons": (
            "- Kunskap på det egna språket gör grannar till förhandlare.\n- Börja där folk redan är: tvättstugan var den bästa mötesplatsen.",
            "- Knowledge in your own language turns neighbours into negotiators.\n- Start where people already are: the laundry room was the best meeting place.",
        ),
        "caption": ("Husen vid Selma Lagerlöfs torg.", "The houses by Selma Lagerlöf Square."),
    },
    {
        "slug": "romska-mammor-i-skolradet",
        "city": "goteborg",
        "group": "Romska kvinnors forum",
        "status": P,
        "themes": ["discrimination-racism", "education"],
        "motif": "school",
        "title": ("Romska mammor i skolrådet", "Roma mothers on the school council"),
        "summary": (
            "Romska kvinnor i Göteborg kartlade hur deras barn bemöttes i skolan och tog plats i skolråden. Nu har tre skolor en plan mot antiziganism som föräldrarna själva varit med och skrivit.",
            "Roma women in Gothenburg mapped how their children were treated at school and took seats on the school councils. Three schools now have a plan against antiziganism that the parents helped write.",
        ),
        "body": (
            "Barnen berättade om skämt i korridoren, om lärare som sänkte förväntningarna och om frånvaro som ingen frågade efter. Forumet samlade berättelser från 60 familjer och lät en forskare vid universitetet granska dem.\n\nRapporten lämnades till utbildningsförvaltningen, men det viktigaste hände efteråt: mammorna ställde upp i skolråden på tre skolor, och blev valda.\n\n## Planen\n\nTillsammans med rektorerna skrev de en plan: utbildning för personalen om romsk historia, en kontaktperson för familjerna och en årlig uppföljning där eleverna själva tillfrågas.",
            "The children told of jokes in the corridor, of teachers who lowered their expectations, and of absences nobody asked about. The forum gathered stories from 60 families and had a researcher at the university review them.\n\nThe report went to the education department, but the most important thing happened afterwards: the mothers stood for the school councils at three schools, and were elected.\n\n## The plan\n\nTogether with the head teachers they wrote a plan: training for staff in Roma history, a contact person for families, and a yearly follow-up where the pupils themselves are asked.",
        ),
        "lessons": (
            "- En rapport öppnar dörren; att själv ta plats där besluten fattas håller den öppen.\n- Samarbete med forskare gav berättelserna tyngd hos förvaltningen.",
            "- A report opens the door; taking a seat where decisions are made keeps it open.\n- Working with a researcher gave the stories weight with the administration.",
        ),
        "caption": ("Föräldramöte i Bergsjöns skola.", "A parents' meeting at Bergsjön school."),
    },
    {
        "slug": "ungas-fritidsenkat-i-angered",
        "city": "goteborg",
        "group": "Angereds unga röster",
        "source": "Ungas fritidsenkät",
        "status": P,
        "themes": ["childrens-rights", "participation"],
        "motif": "meeting",
        "title": ("Ungas fritidsenkät i Angered", "Young people's leisure survey in Angered"),
        "summary": (
            "Unga i Angered frågade 800 jämnåriga vad de ville göra på fritiden — och fick stadsdelen att öppna fritidsgården på helger.",
            "Young people in Angered asked 800 of their peers what they wanted to do in their free time — and got the district to open the youth centre at weekends.",
        ),
        "body": (
            "Fritidsgården stängde klockan sex på fredagar, just när många unga behövde den som mest. Gruppen bestämde sig för att ta reda på vad jämnåriga egentligen ville ha, i stället för att gissa.\n\nDe skrev enkäten själva, på lätt svenska, och gick runt i skolor, på torget och i idrottshallar. 812 unga svarade. Resultatet presenterade de för stadsdelsnämnden med egna bilder och egna ord.\n\n## Det som hände\n\nNämnden beslutade att prova helgöppet i ett år. Besöken fördubblades, och försöket har blivit permanent.",
            "The youth centre closed at six on Fridays, just when many young people needed it most. The group decided to find out what their peers actually wanted, instead of guessing.\n\nThey wrote the survey themselves, in plain Swedish, and went round schools, the square and sports halls. 812 young people answered. They presented the results to the district committee with their own pictures and their own words.\n\n## What happened\n\nThe committee decided to try weekend opening for a year. Visits doubled, and the trial has become permanent.",
        ),
        "lessons": (
            "- Unga som frågar unga får andra svar än vuxna som frågar.\n- Ett konkret förslag med ett försöksår är lättare för politiker att säga ja till.",
            "- Young people asking young people get different answers from adults asking.\n- A concrete proposal with a trial year is easier for politicians to say yes to.",
        ),
        "caption": (
            "Enkätsvaren sorteras på fritidsgården.",
            "Sorting the survey answers at the youth centre.",
        ),
    },
    {
        "slug": "harbarge-for-kvinnor",
        "city": "stockholm",
        "group": "Hemlösa kvinnors röst",
        "source": "Härbärge för kvinnor",
        "status": P,
        "themes": ["housing", "gender-violence"],
        "motif": "houses",
        "title": ("Ett härbärge för kvinnor", "A shelter for women"),
        "summary": (
            "Kvinnor som själva levt i hemlöshet visade staden varför blandade härbärgen inte fungerar för dem. I dag finns ett härbärge med tolv platser enbart för kvinnor.",
            "Women who had themselves been homeless showed the city why mixed shelters do not work for them. Today there is a twelve-bed shelter for women only.",
        ),
        "body": (
            "Många hemlösa kvinnor undvek härbärgena och sov hellre i trappuppgångar eller hos män de inte kände. Gruppen samlade deras erfarenheter i en rad samtal och skrev ner vad som behövdes: låsbara rum, kvinnlig personal och möjlighet att ta med husdjur.\n\nTillsammans med stadsmissionen bjöd de in socialtjänstens chefer till ett av samtalen. Det blev vändpunkten.\n\n## Resultatet\n\nEtt år senare öppnade ett härbärge med tolv platser. Kvinnor från gruppen sitter i dess brukarråd.",
            "Many homeless women avoided shelters and would rather sleep in stairwells or with men they did not know. The group gathered their experiences in a series of conversations and wrote down what was needed: lockable rooms, female staff and being able to bring pets.\n\nTogether with the City Mission they invited the social services' managers to one of the conversations. That was the turning point.\n\n## The result\n\nA year later a shelter with twelve beds opened. Women from the group sit on its users' council.",
        ),
        "lessons": (
            "- Beslutsfattare som lyssnar direkt, i samma rum, förstår snabbare än genom en rapport.\n- Ett brukarråd gör att förändringen håller över tid.",
            "- Decision-makers who listen directly, in the same room, understand faster than through a report.\n- A users' council makes the change last.",
        ),
        "caption": ("Ett av de nya rummen.", "One of the new rooms."),
    },
    {
        "slug": "kann-dina-rattigheter-i-jarva",
        "city": "stockholm",
        "group": "Järvaforum för rättvisa",
        "status": P,
        "themes": ["discrimination-racism", "participation"],
        "motif": "meeting",
        "title": ("Känn dina rättigheter i Järva", "Know your rights in Järva"),
        "summary": (
            "Unga vuxna i Järva höll workshoppar om vad polisen får och inte får göra vid en kontroll, och startade en dialog med lokalpolisen som nu träffar dem varje kvartal.",
            "Young adults in Järva held workshops on what the police may and may not do in a stop, and started a dialogue with the local police, who now meet them every quarter.",
        ),
        "body": (
            "Många unga i området hade blivit stoppade utan att veta varför, och utan att veta vad de hade rätt till. Forumet tog fram ett kort häfte och höll workshoppar i skolor och på fritidsgårdar, ledda av jurister och av unga som själva varit med om kontroller.\n\n## Dialogen\n\nForumet bjöd in lokalpolisen att svara på frågor. Det första mötet var spänt. Det fjärde var en arbetsgrupp med en gemensam plan för hur kontroller ska förklaras.",
            "Many young people in the area had been stopped without knowing why, and without knowing their rights. The forum produced a short booklet and held workshops in schools and youth centres, led by lawyers and by young people who had themselves been stopped.\n\n## The dialogue\n\nThe forum invited the local police to answer questions. The first meeting was tense. The fourth was a working group with a shared plan for how stops are to be explained.",
        ),
        "lessons": (
            "- Kunskap om rättigheter minskar rädsla — på båda sidor.\n- Ge dialogen tid: förtroende byggs möte för möte.",
            "- Knowing your rights reduces fear — on both sides.\n- Give the dialogue time: trust is built one meeting at a time.",
        ),
        "caption": ("Workshop på Husby träff.", "A workshop at Husby träff."),
    },
    {
        "slug": "tolk-i-varden",
        "city": "stockholm",
        "group": "Teckenspråkiga i Stockholm",
        "status": P,
        "themes": ["disability", "health"],
        "motif": "meeting",
        "title": ("Tolk i vården, varje gång", "An interpreter in care, every time"),
        "summary": (
            "Döva och hörselskadade dokumenterade hundra vårdbesök utan tolk. Regionen har nu infört en rutin där tolk bokas automatiskt när patienten har angett teckenspråk.",
            "Deaf and hard-of-hearing people documented a hundred care visits without an interpreter. The region has now introduced a routine that books an interpreter automatically when the patient has stated sign language.",
        ),
        "body": (
            "Att gå till läkaren utan tolk betyder att gissa vad som sägs om ens egen kropp. Medlemmarna förde dagbok över sina vårdbesök under ett halvår: när tolk saknades, varför, och vad det ledde till.\n\nDagböckerna blev en rapport som lämnades till regionens patientnämnd och till Diskrimineringsombudsmannen.\n\n## Förändringen\n\nRegionen införde en ny rutin i journalsystemet. Gruppen följer upp den varje år.",
            "Going to the doctor without an interpreter means guessing what is said about your own body. For six months the members kept a diary of their care visits: when an interpreter was missing, why, and what it led to.\n\nThe diaries became a report handed to the region's patient board and to the Equality Ombudsman.\n\n## The change\n\nThe region introduced a new routine in the records system. The group follows it up every year.",
        ),
        "lessons": (
            "- Egen dokumentation är svår att avfärda.\n- Be om en konkret rutin, inte bara om bättre bemötande.",
            "- Your own documentation is hard to dismiss.\n- Ask for a concrete routine, not just for better treatment.",
        ),
        "caption": ("Medlemmar går igenom dagböckerna.", "Members go through the diaries."),
    },
    {
        "slug": "vinternatt-i-forsamlingen",
        "city": "stockholm",
        "group": "EU-migranters stöd",
        "status": P,
        "themes": ["poverty-exclusion", "asylum-migration"],
        "motif": "houses",
        "title": ("Vinternatt i församlingen", "A winter night in the parish"),
        "summary": (
            "Fem församlingar öppnade sina lokaler för EU-migranter under de kallaste nätterna, och skapade en plats där människor kunde vila, äta och få råd på sitt eget språk.",
            "Five parishes opened their halls to EU migrants during the coldest nights, creating a place where people could rest, eat and get advice in their own language.",
        ),
        "body": (
            "När kylan kom stod många utan tak över huvudet. Gruppen samordnade frivilliga från fem församlingar och gjorde ett schema där någon lokal alltid var öppen.\n\nFrivilliga som talade rumänska och romani fanns på plats varje kväll, och en jurist kom en gång i veckan.\n\n## Mer än en säng\n\nMötena i församlingarna ledde till att flera fick hjälp att söka arbete, och att barn fick plats i förskola.",
            "When the cold came, many were left without a roof over their heads. The group coordinated volunteers from five parishes and drew up a rota so that one hall was always open.\n\nVolunteers who spoke Romanian and Romani were there every evening, and a lawyer came once a week.\n\n## More than a bed\n\nThe meetings in the parishes led to several people getting help to look for work, and to children getting places in pre-school.",
        ),
        "lessons": (
            "- Ett gemensamt schema gjorde det möjligt för små församlingar att göra något stort.\n- Språket är nyckeln till förtroende.",
            "- A shared rota let small parishes do something big.\n- Language is the key to trust.",
        ),
        "caption": ("Kvällsmat i Högalids församlingshem.", "Supper in Högalid parish hall."),
    },
    {
        "slug": "anpassad-skola-nu",
        "city": "linkoping",
        "group": "Funktionsrätt Östergötland ung",
        "source": "Anpassad skola nu",
        "status": P,
        "themes": ["disability", "education"],
        "motif": "school",
        "title": ("Anpassad skola nu", "Adapted school now"),
        "summary": (
            "Unga med funktionsnedsättning granskade sina egna skolor och fick kommunen att ta fram en handlingsplan för stöd och tillgänglighet.",
            "Young people with disabilities reviewed their own schools and got the municipality to draw up an action plan for support and accessibility.",
        ),
        "body": (
            "Medlemmarna visste hur det var att vänta en hel termin på ett hjälpmedel, eller att inte komma in i slöjdsalen. De gjorde en granskning av tolv skolor och skrev en rapport med egna förslag.\n\n## Dialogen med kommunen\n\nRapporten lämnades till barn- och ungdomsnämnden, och gruppen bjöds in att vara med och skriva kommunens handlingsplan.",
            "The members knew what it was like to wait a whole term for an aid, or not to be able to get into the woodwork room. They reviewed twelve schools and wrote a report with their own proposals.\n\n## The dialogue with the municipality\n\nThe report went to the children and youth committee, and the group was invited to help write the municipality's action plan.",
        ),
        "lessons": (
            "- Unga är experter på sin egen skolvardag.\n- Konkreta förslag gör det lätt för förvaltningen att agera.",
            "- Young people are experts on their own school day.\n- Concrete proposals make it easy for the administration to act.",
        ),
        "caption": ("Granskning av en skolgård i Ryd.", "Reviewing a schoolyard in Ryd."),
    },
    {
        "slug": "service-tillbaka-till-skaggetorp",
        "city": "linkoping",
        "group": "Skäggetorps grannar",
        "status": P,
        "themes": ["participation", "poverty-exclusion"],
        "motif": "map",
        "title": ("Service tillbaka till Skäggetorp", "Services back to Skäggetorp"),
        "summary": (
            "När vårdcentralen och banken flyttade samlade grannarna 2 000 namnunderskrifter och kartlade vad som försvunnit. Nu finns en servicepunkt med vård, bibliotek och samhällsvägledning i centrum.",
            "When the health centre and the bank moved away, neighbours collected 2,000 signatures and mapped what had disappeared. Now a service point with care, a library and civic guidance is open in the centre.",
        ),
        "body": (
            "På fem år hade området förlorat vårdcentral, bank, apotek och posten. Grannarna ritade en karta över var servicen fanns förr och var den finns nu, och räknade ut hur lång tid det tog att ta sig dit med buss.\n\n## Kartan som argument\n\nKartan visades på ett stormöte dit kommunalråd och regionpolitiker var inbjudna. Två år senare öppnade servicepunkten.",
            "In five years the area had lost its health centre, bank, pharmacy and post office. The neighbours drew a map of where services used to be and where they are now, and worked out how long it took to get there by bus.\n\n## The map as an argument\n\nThe map was shown at a big meeting to which municipal and regional politicians were invited. Two years later the service point opened.",
        ),
        "lessons": (
            "- En karta säger mer än en lista.\n- Bjud in både kommun och region: servicen hänger ihop även om ansvaret inte gör det.",
            "- A map says more than a list.\n- Invite both municipality and region: services belong together even when responsibilities do not.",
        ),
        "caption": ("Grannarnas karta över servicen.", "The neighbours' map of services."),
    },
    {
        "slug": "bostad-efter-jouren",
        "city": "linkoping",
        "group": "Kvinnojour Berga",
        "status": P,
        "themes": ["gender-violence", "housing"],
        "motif": "houses",
        "title": ("En bostad efter jouren", "A home after the shelter"),
        "summary": (
            "Kvinnor som lämnat en våldsam relation fastnade på jouren i månader i brist på bostad. Jouren fick de kommunala bostadsbolagen att reservera lägenheter för dem.",
            "Women who had left a violent relationship got stuck at the shelter for months for want of a home. The shelter got the municipal housing companies to set aside flats for them.",
        ),
        "body": (
            "Jouren följde under ett år hur länge kvinnorna stannade och varför. Svaret var nästan alltid detsamma: det fanns ingen bostad att flytta till.\n\nTillsammans med kvinnorna själva skrev jouren ett förslag till kommunens bostadsbolag. Efter ett år av möten tecknades ett avtal om tio lägenheter om året.",
            "For a year the shelter tracked how long women stayed and why. The answer was almost always the same: there was no home to move to.\n\nTogether with the women themselves the shelter wrote a proposal to the municipal housing companies. After a year of meetings an agreement was signed for ten flats a year.",
        ),
        "lessons": (
            "- Siffror från den egna verksamheten ger tyngd.\n- Låt de som berörs vara med och formulera lösningen.",
            "- Figures from your own work carry weight.\n- Let those concerned help shape the solution.",
        ),
        "caption": (
            "Nycklarna till en av de första lägenheterna.",
            "The keys to one of the first flats.",
        ),
    },
    {
        "slug": "tillganglighetskartan",
        "city": "malmo",
        "group": "Tillgängligt Malmö",
        "source": "Tillgänglighetskartan",
        "status": P,
        "themes": ["disability", "participation"],
        "motif": "map",
        "title": ("Tillgänglighetskartan", "The accessibility map"),
        "summary": (
            "Personer med funktionsnedsättning granskade 120 mötesplatser i Malmö och gjorde en öppen karta. Kommunen har åtgärdat sju av de tio värsta bristerna.",
            "People with disabilities reviewed 120 meeting places in Malmö and made an open map. The municipality has fixed seven of the ten worst shortcomings.",
        ),
        "body": (
            "Trettio medlemmar gick i par till bibliotek, vårdcentraler och föreningslokaler, med ett formulär de själva tagit fram: kommer man in, hörs man, hittar man?\n\n## Kartan\n\nResultatet blev en öppen karta på nätet, där varje plats fick grönt, gult eller rött. Kartan lämnades till kommunens tillgänglighetsråd med en lista över de tio värsta bristerna.\n\n## Vad som hände\n\nHörslingor finns nu på tre bibliotek, två entréer har byggts om, och kommunens planerare använder kartan i sitt eget arbete.",
            "Thirty members went in pairs to libraries, health centres and community halls, with a form they had made themselves: can you get in, can you hear, can you find your way?\n\n## The map\n\nThe result was an open map on the web, where every place was marked green, amber or red. The map went to the municipality's accessibility council with a list of the ten worst shortcomings.\n\n## What happened\n\nHearing loops are now in place in three libraries, two entrances have been rebuilt, and the municipality's planners use the map in their own work.",
        ),
        "lessons": (
            "- Granska i par: två personer med olika behov ser mer.\n- Öppna data lever vidare efter initiativet.",
            "- Review in pairs: two people with different needs see more.\n- Open data lives on after the project.",
        ),
        "caption": ("Granskning av entrén till Garaget.", "Reviewing the entrance to Garaget."),
    },
    {
        "slug": "stod-pa-mitt-sprak",
        "city": "malmo",
        "group": "Kvinnor i Sofielund",
        "status": P,
        "themes": ["gender-violence", "work-income"],
        "motif": "meeting",
        "title": ("Stöd på mitt språk", "Support in my language"),
        "summary": (
            "Kvinnor i Sofielund startade en mötesplats där kvinnor kan få råd om arbete, ekonomi och våld på sitt eget språk — och fick socialtjänsten att anställa två kulturtolkar.",
            "Women in Sofielund started a meeting place where women get advice on work, money and violence in their own language — and got social services to hire two cultural interpreters.",
        ),
        "body": (
            "Många kvinnor i området visste inte vart de kunde vända sig, och de som visste vågade inte gå dit ensamma. Gruppen öppnade en mötesplats två kvällar i veckan med rådgivare som talade arabiska, somaliska och dari.\n\n## Vägen in\n\nRådgivarna följde med till socialtjänsten, Arbetsförmedlingen och banken. Efter ett år bad socialtjänsten om gruppens hjälp att anställa egna kulturtolkar.",
            "Many women in the area did not know where to turn, and those who knew did not dare go alone. The group opened a meeting place two evenings a week with advisers who spoke Arabic, Somali and Dari.\n\n## The way in\n\nThe advisers went along to social services, the employment service and the bank. After a year, social services asked for the group's help to hire cultural interpreters of its own.",
        ),
        "lessons": (
            "- Att följa med är ibland det viktigaste stödet.\n- En mötesplats blir ett nätverk när kvinnorna själva tar över.",
            "- Going along is sometimes the most important support.\n- A meeting place becomes a network when the women themselves take over.",
        ),
        "caption": ("Kvällsträff på mötesplatsen.", "An evening at the meeting place."),
    },
    # Drafts and one in review: the workspace has something to do.
    {
        "slug": "forstahandskontrakt-i-malmo",
        "city": "malmo",
        "group": "Bostad för alla Malmö",
        "status": D,
        "themes": ["housing"],
        "motif": "houses",
        "title": ("Förstahandskontrakt i Malmö", "First-hand tenancies in Malmö"),
        "summary": ("Utkast: hur gruppen arbetar för att fler ska få egna kontrakt.", ""),
        "body": ("Texten skrivs.", ""),
        "lessons": ("", ""),
    },
    {
        "slug": "luncher-mot-ensamhet",
        "city": "goteborg",
        "group": "Äldre tillsammans i Biskopsgården",
        "status": R,
        "themes": ["older-people", "poverty-exclusion"],
        "motif": "meeting",
        "title": ("Luncher mot ensamhet", "Lunches against loneliness"),
        "summary": (
            "Äldre i Biskopsgården bjuder varandra på lunch varje vecka, och har fått stadsdelen att ordna färdtjänst dit.",
            "Older people in Biskopsgården treat each other to lunch every week, and got the district to arrange transport there.",
        ),
        "body": (
            "Varje tisdag dukar gruppen upp för fyrtio. Den som kan bjuder, den som inte kan är lika välkommen.",
            "Every Tuesday the group lays the table for forty. Those who can pay, pay; those who cannot are just as welcome.",
        ),
        "lessons": ("", ""),
    },
    {
        "slug": "digitala-studiecirklar",
        "city": "linkoping",
        "group": "Linköpings pensionärer i samverkan",
        "status": D,
        "themes": ["older-people"],
        "motif": "school",
        "title": ("Digitala studiecirklar", "Digital study circles"),
        "summary": ("Utkast: pensionärer lär varandra att använda e-tjänster.", ""),
        "body": ("", ""),
        "lessons": ("", ""),
    },
]

# The edition "2015": five chapters and their stories, in order.
EDITION = {
    "slug": "2015",
    "title": ("Goda exempel 2015", "Good examples 2015"),
    "introduction": (
        "Den här handboken samlar berättelser om lokal social mobilisering från Göteborg, Stockholm, Linköping och Malmö. Grupperna bakom dem har själva sett var respekten för de mänskliga rättigheterna brister — och gjort något åt det.\n\nBerättelserna är skrivna för att läsas, lånas och göras om. Ta det som passar er, och låt det bli början på något eget.",
        "This handbook collects stories of local social mobilisation from Gothenburg, Stockholm, Linköping and Malmö. The groups behind them saw for themselves where respect for human rights fell short — and did something about it.\n\nThe stories are written to be read, borrowed and done again. Take what fits you, and let it be the start of something of your own.",
    ),
    "chapters": [
        (
            "att-bli-hord",
            ("Att bli hörd", "Being heard"),
            (
                "Rätten att delta i beslut som rör ens eget liv. Här berättar grupper som skaffade sig en plats vid bordet.",
                "The right to take part in decisions about your own life. Groups who won a place at the table tell how.",
            ),
            [
                "ungas-fritidsenkat-i-angered",
                "service-tillbaka-till-skaggetorp",
                "kann-dina-rattigheter-i-jarva",
            ],
        ),
        (
            "ratten-till-ett-hem",
            ("Rätten till ett hem", "The right to a home"),
            (
                "Bostaden är grunden för allt annat. Tre grupper som förändrade villkoren för dem som riskerade att förlora sin.",
                "A home is the ground for everything else. Three groups who changed the terms for those at risk of losing theirs.",
            ),
            [
                "hyresgastskolan-pa-hisingen",
                "harbarge-for-kvinnor",
                "bostad-efter-jouren",
                "vinternatt-i-forsamlingen",
            ],
        ),
        (
            "lika-villkor",
            ("På lika villkor", "On equal terms"),
            (
                "Om tillgänglighet, tolk och skola — och om att själv vara expert på det som behöver ändras.",
                "On accessibility, interpreting and school — and on being the expert on what needs to change.",
            ),
            ["tillganglighetskartan", "tolk-i-varden", "anpassad-skola-nu"],
        ),
        (
            "mot-diskriminering",
            ("Mot diskriminering", "Against discrimination"),
            (
                "Diskriminering syns sällan för den som inte drabbas. Här blev den synlig, och möjlig att motverka.",
                "Discrimination is rarely visible to those it does not touch. Here it became visible, and possible to counter.",
            ),
            ["romska-mammor-i-skolradet", "stod-pa-mitt-sprak"],
        ),
        (
            "rattigheter-utan-granser",
            ("Rättigheter utan gränser", "Rights without borders"),
            (
                "Mänskliga rättigheter gäller alla, också den som väntar på ett beslut om att få stanna.",
                "Human rights apply to everyone, also to those waiting for a decision on whether they may stay.",
            ),
            ["stafettvandringen-for-asylsokandes-rattigheter"],
        ),
    ],
}


# --- Pictures ---------------------------------------------------------------------------------


def _person(draw: ImageDraw.ImageDraw, x: int, ground: int, height: int, rng) -> None:
    """A simple standing figure: body, head, arms."""
    body = rng.choice(CLOTHES)
    head = height // 5
    top = ground - height
    draw.rounded_rectangle([x - head, top + head + 4, x + head, ground], radius=head, fill=body)
    draw.ellipse([x - head // 1.4, top, x + head // 1.4, top + head * 1.3], fill=rng.choice(SKIN))


def _backdrop(draw, width, height, rng, ground):
    for y in range(ground):
        t = y / ground
        colour = tuple(
            int(a + (b - a) * t) for a, b in zip((251, 238, 244), (245, 192, 214), strict=True)
        )
        draw.line([(0, y), (width, y)], fill=colour)
    draw.rectangle([0, ground, width, height], fill="#e8d3dc")
    sun_x = rng.randint(width // 6, width - width // 6)
    draw.ellipse([sun_x - 60, 60, sun_x + 60, 180], fill="#ffffff")


def _houses(draw, width, ground, rng):
    x = 40
    while x < width - 80:
        w = rng.randint(140, 220)
        h = rng.randint(220, 420)
        colour = rng.choice([PLUM, ROSE, "#9c3563", PLUM_DARK])
        draw.rectangle([x, ground - h, x + w, ground], fill=colour)
        for wy in range(ground - h + 30, ground - 60, 60):
            for wx in range(x + 20, x + w - 30, 45):
                draw.rectangle([wx, wy, wx + 24, wy + 32], fill=rng.choice([BLUSH, "#fff7d6"]))
        x += w + rng.randint(10, 40)


def _school(draw, width, ground, rng):
    left, right = width // 5, width - width // 5
    draw.rectangle([left, ground - 300, right, ground], fill=ROSE)
    draw.polygon(
        [(left - 30, ground - 300), (width // 2, ground - 420), (right + 30, ground - 300)],
        fill=PLUM,
    )
    for wx in range(left + 40, right - 60, 90):
        draw.rectangle([wx, ground - 250, wx + 50, ground - 180], fill=BLUSH)
    draw.rectangle([width // 2 - 40, ground - 140, width // 2 + 40, ground], fill=PLUM_DARK)
    draw.line([(right - 40, ground - 300), (right - 40, ground - 470)], fill=PLUM_DARK, width=6)
    draw.polygon(
        [(right - 40, ground - 470), (right + 40, ground - 445), (right - 40, ground - 420)],
        fill="#f59e0b",
    )


def _map(draw, width, height, rng):
    draw.rectangle([0, 0, width, height], fill="#f7eef2")
    for x in range(0, width, 80):
        draw.line([(x, 0), (x, height)], fill="#ead7df", width=3)
    for y in range(0, height, 80):
        draw.line([(0, y), (width, y)], fill="#ead7df", width=3)
    draw.line([(0, height * 0.7), (width, height * 0.3)], fill="#93c5fd", width=40)
    for _ in range(14):
        x, y = rng.randint(60, width - 60), rng.randint(60, height - 60)
        colour = rng.choice(["#15803d", "#f59e0b", "#b91c1c", PLUM])
        draw.ellipse([x - 22, y - 22, x + 22, y + 22], fill=colour)
        draw.polygon([(x - 14, y + 12), (x + 14, y + 12), (x, y + 44)], fill=colour)
        draw.ellipse([x - 8, y - 8, x + 8, y + 8], fill="#ffffff")


def illustration(motif: str, seed: int, *, width: int = 1200, height: int = 800) -> bytes:
    """A drawn scene for a story, as JPEG bytes (no photograph, nothing fetched)."""
    rng = random.Random(seed)
    canvas = Image.new("RGB", (width, height), BLUSH)
    draw = ImageDraw.Draw(canvas)
    ground = int(height * 0.78)
    if motif == "map":
        _map(draw, width, height, rng)
    else:
        _backdrop(draw, width, height, rng, ground)
        if motif == "houses":
            _houses(draw, width, ground, rng)
        elif motif == "school":
            _school(draw, width, ground, rng)
        elif motif == "meeting":
            draw.rounded_rectangle(
                [width // 4, ground - 110, width * 3 // 4, ground - 80], radius=12, fill=PLUM_DARK
            )
        count = {"walk": 9, "meeting": 6}.get(motif, 4)
        spacing = width // (count + 1)
        for index in range(count):
            x = spacing * (index + 1) + rng.randint(-20, 20)
            _person(draw, x, ground + rng.randint(0, 40), rng.randint(170, 240), rng)
        if motif == "walk":
            # A banner carried by two walkers, and the baton raised by the first.
            y = ground - 330
            draw.rectangle(
                [spacing * 3, y, spacing * 6, y + 70], fill="#ffffff", outline=PLUM, width=6
            )
            draw.line([(spacing * 3, y), (spacing * 3, ground - 150)], fill=PLUM_DARK, width=8)
            draw.line([(spacing * 6, y), (spacing * 6, ground - 150)], fill=PLUM_DARK, width=8)
            for bx in range(spacing * 3 + 30, spacing * 6 - 30, 60):
                draw.ellipse([bx, y + 22, bx + 26, y + 48], fill=ROSE)
            draw.line(
                [(spacing - 10, ground - 200), (spacing + 40, ground - 320)],
                fill="#b45309",
                width=14,
            )
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


# --- Seeding ----------------------------------------------------------------------------------


def _text(spec: dict, field: str) -> dict:
    sv, en = spec[field]
    return {f"{field}_sv": sv, f"{field}_en": en}


def _story(spec: dict, index: int, *, editor, writers: dict, now) -> Example | None:
    if Example.objects.filter(slug=spec["slug"]).exists():
        return None
    city = City.objects.get(slug=spec["city"])
    group = LocalGroup.objects.filter(name=spec["group"]).first()
    writer = writers.get(city.pk, editor)
    data = {
        **_text(spec, "title"),
        **_text(spec, "summary"),
        **_text(spec, "body"),
        **_text(spec, "lessons"),
        "city": city,
        "group": group,
        "themes": list(RightsTheme.objects.filter(slug__in=spec["themes"])),
    }
    source = spec.get("source")
    initiative = Initiative.objects.filter(title=source, group=group).first() if source else None
    if initiative is not None:
        example = services.start_from_initiative(initiative=initiative, actor=editor)
        example = services.update_example(example=example, actor=editor, data=data)
    else:
        example = services.create_example(actor=writer, data=data)
    if example.slug != spec["slug"]:
        Example.objects.filter(pk=example.pk).update(slug=spec["slug"])
        example.slug = spec["slug"]
    upload = SimpleUploadedFile(
        f"{spec['slug']}.jpg", illustration(spec["motif"], index), content_type="image/jpeg"
    )
    caption = spec.get("caption", ("", ""))
    services.add_image(
        example=example,
        actor=editor,
        picture=images.clean_picture(upload),
        alt_sv=f"Illustration: {spec['title'][0]}",
        alt_en=f"Illustration: {spec['title'][1]}",
        caption_sv=caption[0],
        caption_en=caption[1],
        credit="Mobiliseringens illustratör",
    )
    if spec["status"] in {R, P}:
        services.transition(example=example, name="submit", actor=writer, notify=False)
    if spec["status"] == P:
        services.transition(example=example, name="publish", actor=editor, notify=False)
        # Spread the publication dates over the past year, newest first in the list above.
        published = now - datetime.timedelta(days=9 * index + 2, hours=index)
        Example.objects.filter(pk=example.pk).update(published_at=published)
    return example


def _edition(editor, now) -> Edition:
    edition = Edition.objects.filter(slug=EDITION["slug"]).first()
    if edition is not None:
        return edition
    edition = services.save_edition(
        actor=editor,
        data={
            "slug": EDITION["slug"],
            "title_sv": EDITION["title"][0],
            "title_en": EDITION["title"][1],
            "introduction_sv": EDITION["introduction"][0],
            "introduction_en": EDITION["introduction"][1],
        },
    )
    for slug, title, introduction, stories in EDITION["chapters"]:
        chapter = services.save_chapter(
            edition=edition,
            actor=editor,
            data={
                "slug": slug,
                "title_sv": title[0],
                "title_en": title[1],
                "introduction_sv": introduction[0],
                "introduction_en": introduction[1],
            },
        )
        by_slug = {example.slug: example for example in Example.objects.filter(slug__in=stories)}
        services.set_chapter_examples(
            chapter=chapter,
            actor=editor,
            examples=[by_slug[slug] for slug in stories if slug in by_slug],
        )
    services.publish_edition(edition=edition, actor=editor)
    Edition.objects.filter(pk=edition.pk).update(published_at=now - datetime.timedelta(days=20))
    return edition


def seed(stdout) -> None:
    User = get_user_model()
    editor = User.objects.get(username="editor@example.org")
    writers = {}
    for user in User.objects.filter(city_staff__isnull=False).order_by("pk"):
        for city_id in user.city_staff.values_list("city_id", flat=True):
            writers.setdefault(city_id, user)
    now = timezone.now()
    created = sum(
        1
        for index, spec in enumerate(STORIES)
        if _story(spec, index, editor=editor, writers=writers, now=now) is not None
    )
    _edition(editor, now)
    stdout.write(
        f"Demo stories ready: {created} new, {Example.objects.count()} in all; "
        f"handbook edition {EDITION['slug']}."
    )
