"""Scale data for trainings: ten years of sessions of the demo's courses, most of them past and
some planned for the coming months, each with its registrations (confirmed up to the seats, then
a waiting list, some cancelled; attendance marked and old ones anonymised as the purge does).

Run by `manage.py seed_scale` (see mobilisering/scale.py)."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.utils.text import slugify

from cities.models import City, CityStaff, LocalGroup
from mobilisering import scale
from trainings.models import Course, Registration, Session, new_manage_token

# At factor 1: the demo's size.
PER_FACTOR = {"sessions": 29, "registrations": 415}

# The share of sessions still to come (planned up to half a year ahead).
UPCOMING = 0.05
VENUES = [
    ("Stadsmissionens mötesrum", "Storgatan 12"),
    ("Medborgarhuset", "Torget 3"),
    ("Biblioteket, stora salen", "Bibliotekstorget 1"),
    ("Folkets hus", "Folkets husplan 2"),
    ("Kyrkans församlingshem", "Kyrkogatan 8"),
    ("Studieförbundets lokal", "Järnvägsgatan 20"),
]
ORGANISATIONS = ["Studieförbundet Vuxenskolan", "ABF", "Röda korset", "Hyresgästföreningen"]


def seed(plan: scale.Plan) -> dict[str, int]:
    rng = plan.rng
    count, registration_target = plan.counts["sessions"], plan.counts["registrations"]
    courses = list(Course.objects.order_by("pk").values_list("pk", flat=True))
    cities = list(City.objects.order_by("pk").values_list("pk", flat=True))
    if not courses or not cities or not count:
        return {}
    staff = defaultdict(list)
    for city_id, user_id in CityStaff.objects.order_by("pk").values_list("city_id", "user_id"):
        staff[city_id].append(user_id)
    groups = defaultdict(list)
    approved = (
        LocalGroup.objects.filter(status="approved").order_by("pk").values_list("city_id", "pk")
    )
    for city_id, group_id in approved:
        groups[city_id].append(group_id)

    sessions = []
    for _ in range(count):
        city = rng.choice(cities)
        if rng.random() < UPCOMING:
            starts = plan.now + timedelta(days=rng.uniform(1, 180))
        else:
            starts = plan.moment()
        starts = starts.replace(hour=rng.choice([9, 13, 17, 18]), minute=0, second=0, microsecond=0)
        online = rng.random() < 0.15
        venue, address = ("", "") if online else rng.choice(VENUES)
        created = plan.moment(after=starts - timedelta(days=90), before=starts)
        cancelled = rng.random() < 0.04
        sessions.append(
            Session(
                course_id=rng.choice(courses),
                city_id=city,
                is_online=online,
                venue_name=venue,
                venue_address=address,
                starts_at=starts,
                ends_at=starts + timedelta(hours=rng.choice([2, 3, 3, 6])),
                capacity=rng.choice([12, 15, 20, 20, 25, 30, 40]),
                language="en" if online and rng.random() < 0.5 else "sv",
                signup_closes_at=starts - timedelta(days=1),
                is_cancelled=cancelled,
                cancel_message=scale.word(rng, "sv", "note") if cancelled else "",
                contact_id=rng.choice(staff[city]) if staff[city] else None,
                created_at=created,
                updated_at=created,
            )
        )
    sessions = scale.insert(Session, sessions)

    # Fuller sessions draw more people: weight each by its seats.
    per_session = defaultdict(int)
    for session in rng.choices(
        sessions, weights=[s.capacity for s in sessions], k=registration_target
    ):
        per_session[session.pk] += 1
    retention = timedelta(days=settings.TRAININGS_RETENTION_DAYS)
    registrations = []
    for session in sessions:
        past = session.starts_at <= plan.now
        anonymised = past and session.ends_at <= plan.now - retention
        confirmed = 0
        for n in range(per_session[session.pk]):
            if session.is_cancelled or rng.random() < 0.08:
                status = Registration.Status.CANCELLED
            elif confirmed < session.capacity:
                status = Registration.Status.CONFIRMED
                confirmed += 1
            else:
                status = Registration.Status.WAITLISTED
            first, last = scale.person(rng)
            address = f"{slugify(first)}.{slugify(last)}.{plan.run}-{session.pk}-{n}@example.org"
            created = plan.moment(
                after=session.created_at, before=min(session.signup_closes_at, plan.now)
            )
            registrations.append(
                Registration(
                    session=session,
                    name="" if anonymised else f"{first} {last}",
                    email="" if anonymised else address,
                    local_group_id=rng.choice(groups[session.city_id])
                    if groups[session.city_id] and rng.random() < 0.4
                    else None,
                    organisation=""
                    if anonymised or rng.random() < 0.8
                    else rng.choice(ORGANISATIONS),
                    access_needs="Hörslinga, tack." if not past and rng.random() < 0.03 else "",
                    consent=True,
                    language="en" if rng.random() < 0.12 else "sv",
                    status=status,
                    attended=(rng.random() < 0.85)
                    if past and status == Registration.Status.CONFIRMED
                    else None,
                    token=new_manage_token(),
                    created_at=created,
                    cancelled_at=plan.later(created, days=5)
                    if status == Registration.Status.CANCELLED
                    else None,
                    anonymised_at=session.ends_at + retention if anonymised else None,
                )
            )
    scale.insert_many(Registration, registrations)
    return {"sessions": len(sessions), "registrations": len(registrations)}
