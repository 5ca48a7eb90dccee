"""Demo courses, sessions and registrations (see `manage.py seed_demo`). Safe to run again.

Dates are relative to today: per city, sessions over the next three months (some full with a
waiting list, one online), and past sessions with attendance marked.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from cities.models import City, LocalGroup
from trainings.models import Course, Registration, Session, SessionEvent

# slug, (title sv, en), (summary sv, en), (description sv, en), (topics sv, en), (length sv, en)
COURSES = [
    (
        "rattigheter-grunderna",
        ("Mänskliga rättigheter – grunderna", "Human rights – the basics"),
        (
            "Vad mänskliga rättigheter är, vem som ansvarar för dem och hur de gäller i din vardag och i din stad.",
            "What human rights are, who is responsible for them, and how they apply to everyday life in your city.",
        ),
        (
            "Vi går igenom FN:s allmänna förklaring om de mänskliga rättigheterna och de konventioner Sverige har skrivit under, och vad de betyder lokalt.\n\n"
            "## Du får\n\n- en karta över rättigheterna och vem som bär ansvaret\n- exempel från Göteborg, Stockholm, Linköping och Malmö\n- övningar i att koppla en vardagssituation till en rättighet\n\n"
            "Ingen förkunskap behövs. Passar dig som är ny i en grupp eller vill ha en gemensam grund i hela gruppen.",
            "We go through the Universal Declaration of Human Rights and the conventions Sweden has signed, and what they mean locally.\n\n"
            "## You get\n\n- a map of the rights and who holds the responsibility\n- examples from Gothenburg, Stockholm, Linköping and Malmö\n- exercises in linking an everyday situation to a right\n\n"
            "No prior knowledge needed. Suits you if you are new to a group, or if the whole group wants common ground.",
        ),
        (
            "FN:s allmänna förklaring, barnkonventionen, diskrimineringslagen, kommunens ansvar",
            "The UN declaration, the Convention on the Rights of the Child, discrimination law, the municipality's duties",
        ),
        ("Tre timmar", "Three hours"),
    ),
    (
        "identifiera-en-rattighetsbrist",
        ("Att identifiera en rättighetsbrist", "Identifying a rights gap"),
        (
            "Från ”något är fel” till en tydlig beskrivning: vilken rättighet, för vem, var – och hur ni vet det.",
            "From “something is wrong” to a clear description: which right, for whom, where – and how you know.",
        ),
        (
            "Många grupper ser orättvisor varje dag men har svårt att beskriva dem så att beslutsfattare lyssnar. Här övar vi på att formulera en rättighetsbrist.\n\n"
            "## Innehåll\n\n- att samla berättelser och fakta utan att utsätta någon\n- enkla kartläggningar och enkäter\n- att koppla iakttagelserna till en rättighet och en ansvarig\n\n"
            "Ta gärna med ett exempel från er egen verksamhet – kanske läxhjälpen som inte räcker till för alla barn i Rosengård, eller mötesplatsen som stängde.",
            "Many groups see injustice every day but find it hard to describe in a way that makes decision-makers listen. Here we practise putting a rights gap into words.\n\n"
            "## Contents\n\n- gathering stories and facts without exposing anyone\n- simple mapping and surveys\n- linking what you see to a right and to whoever is responsible\n\n"
            "Bring an example from your own work if you can – perhaps the homework help (läxhjälp) that does not reach every child in Rosengård, or the meeting place that closed.",
        ),
        (
            "Kartläggning, dokumentation, ansvarsskyldighet",
            "Mapping, documentation, accountability",
        ),
        ("Två kvällar", "Two evenings"),
    ),
    (
        "paverkansarbete-och-opinionsbildning",
        ("Påverkansarbete och opinionsbildning", "Advocacy and opinion-forming"),
        (
            "Hur ni får beslutsfattare att agera: målgrupper, budskap, allianser och en plan som håller.",
            "How to get decision-makers to act: audiences, messages, alliances and a plan that holds.",
        ),
        (
            "Påverkansarbete är kärnan i social mobilisering. Vi bygger en påverkansplan steg för steg utifrån er egen fråga.\n\n"
            "## Innehåll\n\n- vem fattar beslutet, och vem påverkar den som fattar det?\n- krav som går att säga ja till\n- samarbete med andra grupper och organisationer\n- att följa upp löften\n\n"
            "Ni går hem med ett utkast till en plan.",
            "Advocacy is at the heart of social mobilisation. We build an advocacy plan step by step around your own issue.\n\n"
            "## Contents\n\n- who makes the decision, and who influences them?\n- demands that can be answered with a yes\n- working with other groups and organisations\n- following up on promises\n\n"
            "You leave with a draft plan.",
        ),
        (
            "Påverkansplan, allianser, dialog med politiker",
            "Advocacy plan, alliances, dialogue with politicians",
        ),
        ("En heldag", "One full day"),
    ),
    (
        "att-arbeta-med-media",
        ("Att arbeta med medier", "Working with the media"),
        (
            "Pressmeddelanden, intervjuer och sociala medier – så berättar ni er sak så att den når fram.",
            "Press releases, interviews and social media – telling your story so that it gets through.",
        ),
        (
            "Vi övar på att skriva en nyhet, att ge en intervju och att använda sociala medier utan att tappa kontrollen över berättelsen.\n\n"
            "## Innehåll\n\n- vad gör något till en nyhet?\n- att skydda de personer berättelsen handlar om\n- korta övningsintervjuer framför kamera\n",
            "We practise writing a news story, giving an interview and using social media without losing control of the story.\n\n"
            "## Contents\n\n- what makes something news?\n- protecting the people the story is about\n- short practice interviews in front of a camera\n",
        ),
        (
            "Pressmeddelanden, intervjuteknik, sociala medier",
            "Press releases, interview technique, social media",
        ),
        ("Fyra timmar", "Four hours"),
    ),
    (
        "organisera-en-kampanj",
        ("Att organisera en kampanj", "Organising a campaign"),
        (
            "Från idé till handling: mål, tidsplan, roller och hur ni får fler att engagera sig.",
            "From idea to action: goals, timeline, roles and how to get more people involved.",
        ),
        (
            "En kampanj samlar kraft kring en fråga under en begränsad tid. Vi planerar en kampanj tillsammans, från mål till utvärdering.\n\n"
            "## Innehåll\n\n- mål som går att mäta\n- att värva och behålla frivilliga\n- aktiviteter som syns – och som är säkra\n- utvärdering: vad förändrades?\n",
            "A campaign gathers strength around an issue for a limited time. We plan a campaign together, from goals to evaluation.\n\n"
            "## Contents\n\n- goals you can measure\n- recruiting and keeping volunteers\n- visible activities – that are also safe\n- evaluation: what changed?\n",
        ),
        ("Kampanjplanering, frivilliga, utvärdering", "Campaign planning, volunteers, evaluation"),
        ("Två kvällar", "Two evenings"),
    ),
    (
        "insamling-for-sma-grupper",
        ("Insamling och finansiering för små grupper", "Fundraising for small groups"),
        (
            "Bidrag, stiftelser och egen insamling: var pengarna finns och hur ni söker dem.",
            "Grants, foundations and your own fundraising: where the money is and how to apply.",
        ),
        (
            "Små grupper gör stor skillnad med lite pengar – men ansökningarna kan kännas svåra. Vi går igenom var ni kan söka och hur en bra ansökan ser ut.\n\n"
            "## Innehåll\n\n- kommunala bidrag, stiftelser och fonder\n- en budget som går att följa upp\n- att samla in pengar lagligt och öppet\n",
            "Small groups make a big difference with little money – but applications can feel daunting. We look at where to apply and what a good application looks like.\n\n"
            "## Contents\n\n- municipal grants, foundations and funds\n- a budget you can report on\n- raising money legally and openly\n",
        ),
        ("Bidrag, budget, ansökningar", "Grants, budgets, applications"),
        ("Tre timmar", "Three hours"),
    ),
    (
        "diskriminering-i-vardagen",
        (
            "Diskriminering i vardagen – vad säger lagen?",
            "Discrimination in everyday life – what does the law say?",
        ),
        (
            "De sju diskrimineringsgrunderna, vart man vänder sig och hur en grupp kan stötta den som drabbas.",
            "The seven grounds of discrimination, where to turn, and how a group can support those affected.",
        ),
        (
            "Vi går igenom diskrimineringslagen med vardagsnära exempel från bostad, arbete, skola och vård.\n\n"
            "## Innehåll\n\n- de sju diskrimineringsgrunderna\n- Diskrimineringsombudsmannen och antidiskrimineringsbyråerna\n- att stötta utan att ta över\n",
            "We go through the Discrimination Act with everyday examples from housing, work, school and health care.\n\n"
            "## Contents\n\n- the seven grounds of discrimination\n- the Equality Ombudsman and the anti-discrimination bureaus\n- supporting without taking over\n",
        ),
        (
            "Diskrimineringslagen, DO, stöd till drabbade",
            "The Discrimination Act, the Ombudsman, supporting those affected",
        ),
        ("Tre timmar", "Three hours"),
    ),
]

VENUES = {
    "goteborg": ("Stadsmissionens hus", "Stigbergsliden 6, Göteborg"),
    "stockholm": ("Stadsmissionen, Mötesplats Klara", "Klara kyrkogata 12, Stockholm"),
    "linkoping": ("Stadsmissionens lokal", "Storgatan 12, Linköping"),
    "malmo": ("Stadsmissionens samlingssal", "Bergsgatan 32, Malmö"),
}

# (course index, days from today, start hour, hours, capacity, online, full, past)
PLAN = [
    (0, 9, 17, 3, 20, False, False, False),
    (1, 23, 18, 3, 15, False, True, False),
    (2, 41, 9, 7, 25, False, False, False),
    (3, 58, 13, 4, 12, False, False, False),
    (4, 76, 18, 3, 18, False, False, False),
    (5, -30, 17, 3, 20, False, False, True),
    (6, -60, 17, 3, 15, False, False, True),
]
# One online session, hosted by the first city.
ONLINE_PLAN = (0, 30, 18, 2, 40, True, True, False)

FIRST_NAMES = ["Amina", "Björn", "Carmen", "Dawit", "Elsa", "Farah", "Goran", "Hanna", "Ibrahim", "Johanna", "Karin", "Leyla", "Mohammed", "Nora", "Oskar", "Parisa", "Rasmus", "Sara", "Tomas", "Ulla"]  # fmt: skip
LAST_NAMES = ["Ahmed", "Berg", "Castillo", "Dahl", "Ek", "Farouk", "Gustafsson", "Hassan", "Isaksson", "Jovanović", "Karlsson", "Lind", "Mohamud", "Nyström"]  # fmt: skip


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _person(n: int) -> tuple[str, str]:
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    last = LAST_NAMES[(n * 7) % len(LAST_NAMES)]
    return f"{first} {last}", f"{slugify(first)}.{n}@deltagare.example.org"


def _courses() -> list[Course]:
    courses = []
    for ordering, (slug, title, summary, description, topics, length) in enumerate(COURSES):
        course, _ = Course.objects.update_or_create(
            slug=slug,
            defaults={
                "ordering": ordering,
                "title_sv": title[0],
                "title_en": title[1],
                "summary_sv": summary[0],
                "summary_en": summary[1],
                "description_sv": description[0],
                "description_en": description[1],
                "topics_sv": topics[0],
                "topics_en": topics[1],
                "typical_length_sv": length[0],
                "typical_length_en": length[1],
            },
        )
        courses.append(course)
    return courses


def _session(course, city, plan, contact) -> Session:
    index, days, hour, hours, capacity, online, full, past = plan
    starts = _at(days, hour)
    venue, address = ("", "") if online else VENUES.get(city.slug, (city.mission_name, city.name))
    # Keyed by course, city and kind, so a second run moves the dates instead of adding sessions.
    session, _ = Session.objects.update_or_create(
        course=course,
        city=city,
        is_online=online,
        defaults={
            "venue_name": venue,
            "venue_address": address,
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=hours),
            "signup_closes_at": starts - timedelta(days=1),
            "capacity": capacity,
            "language": "en" if online else "sv",
            "contact": contact,
        },
    )
    return session


def _fill(session: Session, *, count: int, waiting: int, past: bool, groups, seed: int) -> None:
    # Sign-ups happened in the past, in order: twenty days before the session, or yesterday for
    # a session sooner than that. Never after now, which would put a new sign-up ahead of them.
    first = min(session.starts_at - timedelta(days=20), timezone.now() - timedelta(days=1))
    for n in range(count + waiting):
        name, email = _person(seed + n)
        status = Registration.Status.CONFIRMED if n < count else Registration.Status.WAITLISTED
        registration, created = Registration.objects.get_or_create(
            session=session,
            email=email,
            defaults={
                "name": name,
                "status": status,
                "consent": True,
                "language": "sv" if n % 4 else "en",
                "local_group": groups[n % len(groups)] if groups and n % 3 == 0 else None,
                "organisation": "Studieförbundet Vuxenskolan" if n % 5 == 1 else "",
                "access_needs": "Hörslinga, tack." if n == 2 and not past else "",
                "created_at": first + timedelta(minutes=n),
            },
        )
        if not created and registration.created_at > first + timedelta(minutes=n):
            # A database seeded before the dates moved: bring the sign-up back into the past.
            registration.created_at = first + timedelta(minutes=n)
            registration.save(update_fields=["created_at"])
        if past and created and status == Registration.Status.CONFIRMED:
            registration.attended = n % 6 != 5
            registration.save(update_fields=["attended"])


def _log(session: Session, contact, *, past: bool, attended: int, absent: int) -> None:
    """The log staff would have left: the session created a month before it (or a day ago),
    and the attendance of a past one marked the day after. Never dated after now."""
    now = timezone.now()
    created = min(session.starts_at - timedelta(days=30), now - timedelta(days=2))
    SessionEvent.objects.update_or_create(
        session=session,
        kind=SessionEvent.Kind.CREATED,
        defaults={"actor": contact, "created_at": created, "data": {}},
    )
    if past:
        SessionEvent.objects.update_or_create(
            session=session,
            kind=SessionEvent.Kind.ATTENDANCE,
            defaults={
                "actor": contact,
                "created_at": min(session.ends_at + timedelta(days=1), now),
                "data": {"attended": attended, "absent": absent},
            },
        )


def seed(stdout) -> None:
    User = get_user_model()
    courses = _courses()
    sessions = 0
    for city_index, city in enumerate(City.objects.order_by("ordering", "slug")):
        contact = User.objects.filter(username=f"staff.{city.slug}@example.org").first()
        groups = list(LocalGroup.objects.filter(city=city, status=LocalGroup.Status.APPROVED)[:4])
        plans = PLAN + ([ONLINE_PLAN] if city_index == 0 else [])
        for plan_index, plan in enumerate(plans):
            course = courses[(plan[0] + city_index) % len(courses)]
            plan = (plan[0], plan[1] + city_index * 2, *plan[2:])
            session = _session(course, city, plan, contact)
            capacity, full, past = plan[4], plan[6], plan[7]
            if full:
                count, waiting = capacity, 3
            elif past:
                count, waiting = capacity - 3, 0
            else:
                count, waiting = capacity // 2 + plan_index, 0
            _log(session, contact, past=past, attended=count - count // 6, absent=count // 6)
            _fill(
                session,
                count=count,
                waiting=waiting,
                past=past,
                groups=groups,
                seed=city_index * 100 + plan_index * 13,
            )
            sessions += 1
    stdout.write(f"Trainings: {len(courses)} courses, {sessions} sessions with registrations.")
