"""The four city hubs and the rights themes local groups recognise.

Written for this portal in Swedish and English. The themes name the human-rights articles they
rest on and, where one applies, the ground in the Swedish Discrimination Act.
"""

from django.db import migrations

HUBS = [
    {
        "slug": "goteborg",
        "ordering": 1,
        "name_sv": "Göteborg",
        "name_en": "Gothenburg",
        "mission_name": "Göteborgs Stadsmission",
        "contact_email": "mobilisering.goteborg@example.org",
        "introduction_sv": (
            "I Göteborg möts grupper från Hisingen, Angered och centrum som vill förändra sin "
            "vardag. Vi stöttar er som ser att rätten till bostad, arbete eller att bli lyssnad på "
            "inte gäller alla i staden – och som vill göra något åt det tillsammans."
        ),
        "introduction_en": (
            "In Gothenburg, groups from Hisingen, Angered and the city centre meet to change their "
            "everyday lives. We support you who see that the right to housing, work or to be heard "
            "does not hold for everyone in the city – and who want to act on it together."
        ),
    },
    {
        "slug": "stockholm",
        "ordering": 2,
        "name_sv": "Stockholm",
        "name_en": "Stockholm",
        "mission_name": "Stockholms Stadsmission",
        "contact_email": "mobilisering.stockholm@example.org",
        "introduction_sv": (
            "I Stockholm arbetar föreningar, nätverk och trossamfund med allt från hemlöshet till "
            "papperslösas rätt till vård. Hubben erbjuder utbildning, rådgivning och en plats där "
            "grupper med liknande erfarenheter kan hitta varandra."
        ),
        "introduction_en": (
            "In Stockholm, associations, networks and faith communities work on everything from "
            "homelessness to undocumented people's right to health care. The hub offers training, "
            "advice and a place where groups with similar experiences can find each other."
        ),
    },
    {
        "slug": "linkoping",
        "ordering": 3,
        "name_sv": "Linköping",
        "name_en": "Linköping",
        "mission_name": "Linköpings Stadsmission",
        "contact_email": "mobilisering.linkoping@example.org",
        "introduction_sv": (
            "I Linköping stöttar vi lokala grupper i Skäggetorp, Ryd och Berga som vill påverka "
            "beslut som rör dem. Vi hjälper till med kunskap om mänskliga rättigheter, kontakter "
            "och lokaler."
        ),
        "introduction_en": (
            "In Linköping we support local groups in Skäggetorp, Ryd and Berga who want to "
            "influence the decisions that concern them. We help with knowledge of human rights, "
            "contacts and premises."
        ),
    },
    {
        "slug": "malmo",
        "ordering": 4,
        "name_sv": "Malmö",
        "name_en": "Malmö",
        "mission_name": "Skåne Stadsmission",
        "contact_email": "mobilisering.malmo@example.org",
        "introduction_sv": (
            "I Malmö driver grupper egna projekt mot diskriminering och utestängning – från "
            "läxhjälp på modersmål till kampanjer för tillgängliga bostäder. Hubben stöttar med "
            "handledning, utbildning och mötesplatser."
        ),
        "introduction_en": (
            "In Malmö, groups run their own projects against discrimination and exclusion – from "
            "homework help in people's first languages to campaigns for accessible housing. The hub "
            "supports them with mentoring, training and meeting places."
        ),
    },
]

THEMES = [
    ("housing", "Bostad", "Housing",
     "Rätten till en trygg och rimlig bostad, och skydd mot vräkning och hemlöshet.",
     "The right to safe, affordable housing, and protection against eviction and homelessness.",
     "FN:s förklaring art. 25; ICESCR art. 11", ""),
    ("health", "Hälsa och vård", "Health and care",
     "Rätten till vård på lika villkor, också för den som saknar papper eller pengar.",
     "The right to care on equal terms, also for people without papers or money.",
     "FN:s förklaring art. 25; ICESCR art. 12", ""),
    ("work-income", "Arbete och försörjning", "Work and income",
     "Rätten till arbete, skäliga villkor och en tryggad försörjning.",
     "The right to work, fair conditions and a secure livelihood.",
     "FN:s förklaring art. 23; ICESCR art. 6–7, 9", ""),
    ("education", "Utbildning", "Education",
     "Rätten till utbildning för barn och vuxna, och stöd för att klara skolan.",
     "The right to education for children and adults, and support to succeed in school.",
     "FN:s förklaring art. 26; ICESCR art. 13", ""),
    ("asylum-migration", "Asyl och migration", "Asylum and migration",
     "Rätten att söka asyl, till en rättssäker prövning och till ett värdigt mottagande.",
     "The right to seek asylum, to a fair process and to a dignified reception.",
     "FN:s förklaring art. 14; flyktingkonventionen", "ethnicity"),
    ("childrens-rights", "Barns rättigheter", "Children's rights",
     "Barnets bästa, rätten att komma till tals och skydd mot fattigdom och våld.",
     "The best interests of the child, the right to be heard and protection from poverty and violence.",
     "Barnkonventionen art. 3, 12, 27", "age"),
    ("disability", "Funktionsrätt och tillgänglighet", "Disability and accessibility",
     "Rätten att delta fullt ut i samhället, med tillgängliga lokaler, information och stöd.",
     "The right to take part fully in society, with accessible premises, information and support.",
     "CRPD art. 9, 19", "disability"),
    ("discrimination-racism", "Diskriminering och rasism", "Discrimination and racism",
     "Skydd mot att bli sämre behandlad på grund av vem man är, och arbete mot rasism.",
     "Protection against being treated worse because of who you are, and work against racism.",
     "FN:s förklaring art. 2, 7; ICERD", "ethnicity"),
    ("gender-violence", "Jämställdhet och våld", "Gender equality and violence",
     "Lika rättigheter oavsett kön, och skydd mot mäns våld och hedersrelaterat våld.",
     "Equal rights regardless of sex, and protection against men's violence and honour-based violence.",
     "CEDAW art. 1–5; Istanbulkonventionen", "sex"),
    ("lgbtqi", "Hbtqi-personers rättigheter", "LGBTQI rights",
     "Rätten att leva öppet och tryggt oavsett sexuell läggning eller könsidentitet.",
     "The right to live openly and safely whatever one's sexual orientation or gender identity.",
     "FN:s förklaring art. 2, 12", "sexual_orientation"),
    ("participation", "Delaktighet och inflytande", "Participation and voice",
     "Rätten att organisera sig, yttra sig och påverka beslut som rör en själv.",
     "The right to organise, to speak out and to influence decisions that concern oneself.",
     "FN:s förklaring art. 19–21; ICCPR art. 25", ""),
    ("poverty-exclusion", "Fattigdom och utanförskap", "Poverty and exclusion",
     "Rätten till en skälig levnadsnivå och social trygghet, och till en plats i gemenskapen.",
     "The right to an adequate standard of living and social security, and to a place in the community.",
     "FN:s förklaring art. 22, 25; ICESCR art. 9, 11", ""),
    ("religion-belief", "Religions- och övertygelsefrihet", "Freedom of religion and belief",
     "Rätten att ha, byta och utöva sin tro eller övertygelse utan att diskrimineras.",
     "The right to hold, change and practise one's religion or belief without discrimination.",
     "FN:s förklaring art. 18; ICCPR art. 18", "religion"),
    ("older-people", "Äldres rättigheter", "Rights of older people",
     "Rätten till värdighet, omsorg och delaktighet också på äldre dagar.",
     "The right to dignity, care and participation in later life.",
     "FN:s förklaring art. 25; ICESCR art. 9", "age"),
]


def create(apps, schema_editor):
    City = apps.get_model("cities", "City")
    RightsTheme = apps.get_model("cities", "RightsTheme")
    for hub in HUBS:
        City.objects.update_or_create(
            slug=hub["slug"],
            defaults={**{k: v for k, v in hub.items() if k != "slug"}, "name": hub["name_sv"],
                      "introduction": hub["introduction_sv"]},
        )
    for ordering, (slug, name_sv, name_en, desc_sv, desc_en, articles, ground) in enumerate(THEMES):
        RightsTheme.objects.update_or_create(
            slug=slug,
            defaults={
                "ordering": ordering,
                "name": name_sv,
                "name_sv": name_sv,
                "name_en": name_en,
                "description": desc_sv,
                "description_sv": desc_sv,
                "description_en": desc_en,
                "articles": articles,
                "discrimination_ground": ground,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("cities", "City").objects.filter(slug__in=[h["slug"] for h in HUBS]).delete()
    apps.get_model("cities", "RightsTheme").objects.filter(slug__in=[t[0] for t in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cities", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
