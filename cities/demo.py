"""Demo groups for the four hubs (see `manage.py seed_demo`).

Groups write in their own words and language, so their texts are stored as written (Swedish).
"""

from django.utils import timezone
from django.utils.text import slugify

from cities.demo_logos import attach_logos
from cities.models import (
    City,
    CityStaff,
    GroupDecision,
    GroupEvent,
    GroupInvitation,
    GroupMembership,
    LocalGroup,
    RightsTheme,
    invitation_expiry,
)
from mobilisering.demo import demo_user

ASSOC, INFORMAL, NETWORK, FAITH = "association", "informal", "network", "faith"
APPROVED, PENDING = "approved", "pending"

# (city, name, kind, status, themes, open to cooperation, founded, description, rights gaps)
GROUPS = [
    (
        "malmo",
        "Rosengårds röster",
        ASSOC,
        APPROVED,
        ["participation", "discrimination-racism"],
        True,
        2011,
        "Unga och vuxna i Rosengård som vill att fler från stadsdelen hörs när staden fattar beslut "
        "om skola, trygghet och fritid.",
        "Boende i Rosengård är sällan med när stadens planer tas fram, och samråd hålls på tider och "
        "språk som utestänger många.",
    ),
    (
        "malmo",
        "Bostad för alla Malmö",
        NETWORK,
        APPROVED,
        ["housing", "poverty-exclusion"],
        True,
        2014,
        "Ett nätverk av hyresgäster, bostadslösa och frivilliga som kartlägger diskriminering på "
        "bostadsmarknaden och driver krav på fler hyresrätter med rimlig hyra.",
        "Familjer med försörjningsstöd nekas förstahandskontrakt och hänvisas till dyra andrahandslösningar.",
    ),
    (
        "malmo",
        "Tillgängligt Malmö",
        ASSOC,
        APPROVED,
        ["disability", "participation"],
        True,
        2009,
        "Personer med funktionsnedsättning och anhöriga som granskar hur tillgänglig staden är – "
        "från busshållplatser till vårdcentraler.",
        "Många mötesplatser och offentliga lokaler saknar hiss, hörslinga och information på lätt svenska.",
    ),
    (
        "malmo",
        "Kvinnor i Sofielund",
        INFORMAL,
        APPROVED,
        ["gender-violence", "work-income"],
        True,
        2016,
        "En informell grupp kvinnor som träffas varje vecka för att stötta varandra till arbete, "
        "egen ekonomi och ett liv fritt från våld.",
        "Kvinnor som lever med våld vet ofta inte vilket stöd de har rätt till, och stödet finns sällan på deras språk.",
    ),
    (
        "malmo",
        "Läxhjälp på modersmål",
        ASSOC,
        APPROVED,
        ["education", "childrens-rights"],
        False,
        2013,
        "Frivilliga lärare och studenter som ger barn läxhjälp på arabiska, somaliska och dari.",
        "Barn som nyss kommit till Sverige får för lite stöd i skolan för att nå målen.",
    ),
    (
        "malmo",
        "Malmö moské- och kyrkoråd",
        FAITH,
        PENDING,
        ["religion-belief", "discrimination-racism"],
        True,
        2015,
        "Församlingar och moskéer som tillsammans möter hatbrott och fördomar med öppna hus och samtal.",
        "Hot och skadegörelse mot trossamfund anmäls sällan och följs sällan upp.",
    ),
    (
        "goteborg",
        "Hisingens hyresgästnätverk",
        NETWORK,
        APPROVED,
        ["housing", "participation"],
        True,
        2012,
        "Hyresgäster på Hisingen som organiserar sig inför renoveringar och kräver att bli hörda.",
        "Renoveringar driver upp hyrorna så att boende tvingas flytta, utan verkligt inflytande.",
    ),
    (
        "goteborg",
        "Angereds unga röster",
        ASSOC,
        APPROVED,
        ["childrens-rights", "participation"],
        True,
        2014,
        "Ungdomar i Angered som gör egna undersökningar om fritid och trygghet och presenterar dem för politiker.",
        "Unga i nordöstra Göteborg saknar mötesplatser och kanaler för att påverka.",
    ),
    (
        "goteborg",
        "Vård utan papper Göteborg",
        NETWORK,
        APPROVED,
        ["health", "asylum-migration"],
        True,
        2010,
        "Vårdpersonal och frivilliga som hjälper papperslösa att få den vård de har rätt till.",
        "Papperslösa nekas vård som inte kan anstå, trots att lagen ger dem rätt till den.",
    ),
    (
        "goteborg",
        "Romska kvinnors forum",
        ASSOC,
        APPROVED,
        ["discrimination-racism", "gender-violence"],
        True,
        2013,
        "Romska kvinnor som arbetar mot antiziganism i skola, vård och på arbetsmarknaden.",
        "Romer bemöts med misstro av myndigheter, och romska barn hoppar oftare av skolan.",
    ),
    (
        "goteborg",
        "Äldre tillsammans i Biskopsgården",
        INFORMAL,
        APPROVED,
        ["older-people", "poverty-exclusion"],
        False,
        2015,
        "Äldre boende som bryter ensamheten med promenader, luncher och studiecirklar.",
        "Äldre med låg pension och utländsk bakgrund når sällan fram till äldreomsorgens stöd.",
    ),
    (
        "goteborg",
        "Regnbågsfamiljer Väst",
        ASSOC,
        PENDING,
        ["lgbtqi", "childrens-rights"],
        True,
        2016,
        "Föräldrar i regnbågsfamiljer som vill göra förskolor och skolor tryggare för alla familjer.",
        "Barn i regnbågsfamiljer möter okunskap och kränkningar i skolan.",
    ),
    (
        "stockholm",
        "Järvaforum för rättvisa",
        NETWORK,
        APPROVED,
        ["participation", "discrimination-racism"],
        True,
        2011,
        "Föreningar i Järva som samlas kring frågor om polisens bemötande, skola och arbete.",
        "Unga i Järva stoppas och visiteras oftare än andra utan att få veta varför.",
    ),
    (
        "stockholm",
        "Hemlösa kvinnors röst",
        INFORMAL,
        APPROVED,
        ["housing", "gender-violence"],
        True,
        2014,
        "Kvinnor med erfarenhet av hemlöshet som berättar sina historier för att förändra stödet.",
        "Härbärgen är inte anpassade för kvinnor som flytt våld, och många sover hellre ute.",
    ),
    (
        "stockholm",
        "Teckenspråkiga i Stockholm",
        ASSOC,
        APPROVED,
        ["disability", "health"],
        True,
        2008,
        "Döva och hörselskadade som kräver tolk och information på teckenspråk i vården.",
        "Döva får vård utan tolk och går därför miste om information om sin egen hälsa.",
    ),
    (
        "stockholm",
        "EU-migranters stöd",
        FAITH,
        APPROVED,
        ["poverty-exclusion", "asylum-migration"],
        True,
        2014,
        "En församling som tillsammans med EU-medborgare i utsatthet erbjuder sovplats, språk och rådgivning.",
        "EU-medborgare som tigger saknar tak över huvudet och blir ofta bortkörda utan stöd.",
    ),
    (
        "stockholm",
        "Söderorts arbetslösa",
        INFORMAL,
        APPROVED,
        ["work-income"],
        True,
        2015,
        "Långtidsarbetslösa som delar erfarenheter och granskar Arbetsförmedlingens insatser.",
        "Långtidsarbetslösa hamnar i åtgärder som inte leder till jobb och förlorar sin ersättning.",
    ),
    (
        "stockholm",
        "Ensamkommandes nätverk",
        NETWORK,
        PENDING,
        ["asylum-migration", "childrens-rights"],
        True,
        2016,
        "Unga som kom ensamma till Sverige och nu stöttar nyanlända i samma situation.",
        "Ensamkommande som fyller arton flyttas från sina boenden och förlorar sitt stöd.",
    ),
    (
        "linkoping",
        "Skäggetorps grannar",
        INFORMAL,
        APPROVED,
        ["participation", "poverty-exclusion"],
        True,
        2012,
        "Grannar i Skäggetorp som ordnar mötesplatser och driver frågor om trygghet och service.",
        "Service och butiker har försvunnit från stadsdelen och de boende fick inte säga sitt.",
    ),
    (
        "linkoping",
        "Funktionsrätt Östergötland ung",
        ASSOC,
        APPROVED,
        ["disability", "education"],
        True,
        2010,
        "Unga med funktionsnedsättning som granskar hur skolor och högskolor anpassar undervisningen.",
        "Elever med funktionsnedsättning får inte det stöd i skolan som de har rätt till.",
    ),
    (
        "linkoping",
        "Nyanlända föräldrar i Ryd",
        INFORMAL,
        APPROVED,
        ["education", "childrens-rights"],
        True,
        2015,
        "Föräldrar som vill förstå den svenska skolan och göra sina barns röster hörda.",
        "Föräldrar som inte talar svenska får sällan information från skolan som de kan förstå.",
    ),
    (
        "linkoping",
        "Kvinnojour Berga",
        ASSOC,
        APPROVED,
        ["gender-violence", "housing"],
        False,
        2007,
        "En ideell jour som ger stöd till kvinnor och barn som utsatts för våld.",
        "Kvinnor som lämnar en våldsam relation står ofta utan bostad.",
    ),
    (
        "linkoping",
        "Linköpings pensionärer i samverkan",
        NETWORK,
        APPROVED,
        ["older-people", "health"],
        True,
        2011,
        "Pensionärsföreningar som bevakar äldreomsorgen och ordnar digitala studiecirklar.",
        "Äldre utan dator och mobilt bank-id stängs ute från vård och service.",
    ),
    (
        "malmo",
        "Unga feminister i Malmö",
        INFORMAL,
        PENDING,
        ["gender-violence", "participation"],
        True,
        2016,
        "Unga kvinnor och icke-binära som vill göra skolor och fritidsgårdar tryggare och mer jämställda.",
        "Sexuella trakasserier i skolan anmäls sällan och leder nästan aldrig till åtgärder.",
    ),
    (
        "linkoping",
        "HBTQ-fika Linköping",
        INFORMAL,
        PENDING,
        ["lgbtqi", "participation"],
        True,
        2016,
        "En trygg mötesplats för hbtq-personer i alla åldrar, med föreläsningar och samtal.",
        "Hbtq-personer utanför storstäderna saknar trygga mötesplatser.",
    ),
]

# group@example.org runs the first Malmö group; a few demo members fill the others.
MEMBERS = {
    "Rosengårds röster": [("group@example.org", "admin"), ("amira@example.org", "member")],
    "Tillgängligt Malmö": [("group@example.org", "member"), ("johan@example.org", "admin")],
    "Hisingens hyresgästnätverk": [("karin@example.org", "admin")],
    "Järvaforum för rättvisa": [("yusuf@example.org", "admin")],
    "Skäggetorps grannar": [("eva@example.org", "admin")],
    "Unga feminister i Malmö": [("amira@example.org", "admin")],
}

# Invitations waiting to be accepted: (group, email, role).
INVITATIONS = [
    ("Rosengårds röster", "ny.medlem@example.org", "member"),
    ("Bostad för alla Malmö", "group@example.org", "member"),
]


# The demo staff of each hub (staff.<city>@example.org).
STAFF_NAMES = {
    "goteborg": ("Greta", "Lind"),
    "stockholm": ("Samir", "Holm"),
    "linkoping": ("Lina", "Berg"),
    "malmo": ("Mats", "Nilsson"),
}


def seed(stdout) -> None:
    for city in City.objects.all():
        first, last = STAFF_NAMES.get(city.slug, ("Staff", city.name))
        user = demo_user(f"staff.{city.slug}@example.org", first_name=first, last_name=last)
        CityStaff.objects.get_or_create(user=user, city=city)
    cities = {city.slug: city for city in City.objects.all()}
    themes = {theme.slug: theme for theme in RightsTheme.objects.all()}
    now = timezone.now()
    for city_slug, name, kind, status, theme_slugs, open_to, founded, description, gaps in GROUPS:
        city = cities[city_slug]
        staff = city.staff.select_related("user").first()
        group, created = LocalGroup.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "city": city,
                "kind": kind,
                "description": description,
                "rights_gaps": gaps,
                "contact_email": f"kontakt@{slugify(name)}.example.org",
                "open_to_cooperation": open_to,
                "founded_year": founded,
            },
        )
        group.themes.set([themes[slug] for slug in theme_slugs])
        if created:
            group.status = status
            if status == APPROVED:
                group.decided_at = now
                group.decided_by = staff.user if staff else None
                group.decision_message = "Välkomna till programmet!"
                GroupDecision.objects.create(
                    group=group,
                    actor=group.decided_by,
                    action="approved",
                    message=group.decision_message,
                )
                GroupEvent.objects.create(
                    group=group,
                    actor=group.decided_by,
                    kind=GroupEvent.Kind.DECIDED,
                    data={"action": "approved", "message": group.decision_message},
                )
            group.save()
    attach_logos(LocalGroup.objects.all())
    for group_name, people in MEMBERS.items():
        group = LocalGroup.objects.get(slug=slugify(group_name))
        for email, role in people:
            user = demo_user(email, first_name=email.split("@")[0].capitalize())
            GroupMembership.objects.update_or_create(
                user=user, group=group, defaults={"role": role}
            )
    for group_name, email, role in INVITATIONS:
        group = LocalGroup.objects.get(slug=slugify(group_name))
        inviter = group.memberships.filter(role="admin").select_related("user").first()
        invitation, _created = GroupInvitation.objects.get_or_create(
            group=group,
            email=email,
            accepted_at=None,
            defaults={"role": role, "invited_by": inviter.user if inviter else None},
        )
        if invitation.is_expired:
            invitation.expires_at = invitation_expiry()
            invitation.save(update_fields=["expires_at"])
    stdout.write(f"Demo groups ready: {len(GROUPS)} in {len(cities)} cities.")
