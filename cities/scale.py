"""Scale data for the cities app: groups with their admins, themes and decisions.

Run by `manage.py seed_scale` (see mobilisering/scale.py)."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from cities.models import City, CityStaff, GroupDecision, GroupMembership, LocalGroup, RightsTheme
from mobilisering import scale

# At factor 1: the demo's size.
PER_FACTOR = {"groups": 20}

STATUSES = {"approved": 80, "archived": 8, "pending": 6, "rejected": 6}
KINDS = {"association": 50, "informal": 20, "network": 15, "faith": 10, "other": 5}


def _name(plan: scale.Plan, lang: str, taken: set[str]) -> str:
    rng = plan.rng
    name = f"{scale.word(rng, lang, 'group_kind')} {scale.word(rng, lang, 'group_word')}"
    where = scale.word(rng, lang, "where").split(" ", 1)[1]
    name = f"{name} {where}"
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{name} {n}"
    taken.add(candidate.lower())
    return candidate


def seed(plan: scale.Plan) -> dict[str, int]:
    rng, count = plan.rng, plan.counts["groups"]
    cities = list(City.objects.order_by("pk"))
    themes = list(RightsTheme.objects.order_by("pk").values_list("pk", flat=True))
    staff = defaultdict(list)
    for city_id, user_id in CityStaff.objects.order_by("pk").values_list("city_id", "user_id"):
        staff[city_id].append(user_id)
    taken = defaultdict(set)
    for city_id, name in LocalGroup.objects.values_list("city_id", "name"):
        taken[city_id].add(name.lower())

    User = get_user_model()
    users, groups = [], []
    for n in range(count):
        city = rng.choice(cities)
        lang = scale.language(rng)
        name = _name(plan, lang, taken[city.pk])
        slug = f"{slugify(name)[:140]}-{plan.run}-{n}"
        created = plan.moment()
        status = scale.pick(rng, STATUSES)
        first, last = scale.person(rng)
        address = f"{slugify(first)}.{slugify(last)}.{plan.run}-{n}@example.org"
        users.append(
            User(
                username=address,
                email=address,
                first_name=first,
                last_name=last,
                password="!",  # no password: these people never log in
                date_joined=created,
            )
        )
        decided = plan.later(created, days=14) if status != "pending" else None
        groups.append(
            LocalGroup(
                name=name,
                slug=slug,
                city=city,
                kind=scale.pick(rng, KINDS),
                description=scale.paragraph(rng, lang, ("work", "goal", "how")),
                rights_gaps=scale.paragraph(rng, lang, ("gap", "gap")),
                website=f"https://{slug[:40]}.example.org" if rng.random() < 0.4 else "",
                contact_email=address,
                open_to_cooperation=rng.random() < 0.8,
                founded_year=created.year - rng.randint(0, 30) if rng.random() < 0.7 else None,
                status=status,
                decision_message=scale.word(rng, "sv", "note") if status == "rejected" else "",
                language=lang,
                decided_at=decided,
                decided_by_id=rng.choice(staff[city.pk]) if decided and staff[city.pk] else None,
                created_at=created,
                updated_at=decided or created,
            )
        )
    users = scale.insert(User, users)
    groups = scale.insert(LocalGroup, groups)

    memberships, group_themes, decisions = [], [], []
    Themes = LocalGroup.themes.through
    for group, user in zip(groups, users, strict=True):
        memberships.append(
            GroupMembership(user=user, group=group, role="admin", created_at=group.created_at)
        )
        for theme_id in rng.sample(themes, k=min(len(themes), rng.randint(1, 3))):
            group_themes.append(Themes(localgroup_id=group.pk, rightstheme_id=theme_id))
        if group.decided_at:
            decisions.append(
                GroupDecision(
                    group=group,
                    actor_id=group.decided_by_id,
                    action=group.status,
                    message=group.decision_message,
                    created_at=group.decided_at,
                )
            )
    scale.insert_many(GroupMembership, memberships)
    scale.insert_many(Themes, group_themes)
    scale.insert_many(GroupDecision, decisions)
    return {
        "users": len(users),
        "groups": len(groups),
        "group themes": len(group_themes),
        "memberships": len(memberships),
        "group decisions": len(decisions),
    }
