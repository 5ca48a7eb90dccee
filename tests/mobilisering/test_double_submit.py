"""A double-clicked submit creates one thing: every create-form carries a one-time key, and the
service answers a second post of the same form with what the first created."""

import re
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from cities.models import LocalGroup
from initiatives import services as initiative_services
from initiatives.models import Comment, Initiative, Report, Status, SupportGrant
from mobilisering.models import FormSubmission
from tests.cities.conftest import group_form_data
from tests.conftest import login, make_group, make_user
from tests.initiatives.conftest import fresh, make_initiative, report_data
from tests.initiatives.test_views import full_post
from tests.trainings.test_input_limits import session_post
from trainings.models import Session

KEY = re.compile(r'name="form_key" value="([^"]+)"')


def form_key(client, url: str) -> str:
    """The one-time key of the form on the page at `url`."""
    keys = KEY.findall(client.get(url).content.decode())
    assert keys, f"no form_key on {url}"
    return keys[0]


@pytest.fixture
def scene(city_malmo, staff_malmo):
    member = make_user("maja@example.org", first_name="Maja")
    group = make_group("Grannar", city_malmo, slug="grannar", admins=[member])
    active = make_initiative(group, member=member, staff=staff_malmo, status=Status.ACTIVE)
    return {"member": member, "staff": staff_malmo, "group": group, "active": active}


def cases(scene, city_malmo):
    """(who, page with the form, url it posts to, data, prefix of the key field, what it makes)"""
    active = scene["active"]
    review = reverse("initiatives:staff_detail", args=[active.pk])
    report = {k: str(v) for k, v in report_data().items()}
    return {
        "proposal": (
            "member",
            reverse("initiatives:create"),
            reverse("initiatives:create"),
            full_post(action="save"),
            "",
            lambda: Initiative.objects.filter(title="Röster från Rosengård").count(),
        ),
        "report": (
            "member",
            reverse("initiatives:report_create", args=[active.pk]),
            reverse("initiatives:report_create", args=[active.pk]),
            report,
            "",
            lambda: Report.objects.count(),
        ),
        "group message": (
            "member",
            active.get_absolute_url(),
            reverse("initiatives:message", args=[active.pk]),
            {"body": "En fråga om budgeten"},
            "",
            lambda: Comment.objects.filter(body="En fråga om budgeten").count(),
        ),
        "internal comment": (
            "staff",
            review,
            reverse("initiatives:staff_comment", args=[active.pk]),
            {"note-body": "Internt"},
            "note-",
            lambda: Comment.objects.filter(body="Internt").count(),
        ),
        "staff message": (
            "staff",
            review,
            reverse("initiatives:staff_message", args=[active.pk]),
            {"message-body": "Till gruppen"},
            "message-",
            lambda: Comment.objects.filter(body="Till gruppen").count(),
        ),
        "grant": (
            "staff",
            review,
            reverse("initiatives:staff_grant", args=[active.pk]),
            {"grant-kind": "funding", "grant-amount_sek": "5000", "grant-date": "2026-04-01"},
            "grant-",
            lambda: SupportGrant.objects.count(),
        ),
        "group registration": (
            "member",
            reverse("cities:group_create"),
            reverse("cities:group_create"),
            group_form_data(city_malmo),
            "",
            lambda: LocalGroup.objects.filter(name="Grannar för rättvisa").count(),
        ),
        "session": (
            "staff",
            reverse("trainings:staff_session_create"),
            reverse("trainings:staff_session_create"),
            session_post(city_malmo),
            "",
            lambda: Session.objects.count(),
        ),
    }


CASES = [
    "proposal",
    "report",
    "group message",
    "internal comment",
    "staff message",
    "grant",
    "group registration",
    "session",
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES)
def test_it_creates_once_when_the_same_form_is_posted_twice(client, scene, city_malmo, case):
    who, page, url, data, prefix, count = cases(scene, city_malmo)[case]
    login(client, scene[who])
    before = count()
    key_field = f"{prefix}form_key"
    # The review page has several forms; the key of each is in its own field.
    html = client.get(page).content.decode()
    match = re.search(rf'name="{key_field}" value="([^"]+)"', html)
    assert match, case
    data = {**data, key_field: match.group(1)}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302, case
    assert second.status_code == 302, case
    assert second["Location"] == first["Location"]
    assert count() == before + 1


@pytest.mark.django_db
def test_it_creates_again_from_a_new_form(client, scene):
    """A new page is a new key: writing two messages on purpose gives two messages."""
    login(client, scene["member"])
    active = scene["active"]
    url = reverse("initiatives:message", args=[active.pk])
    for _ in range(2):
        key = re.search(
            r'name="form_key" value="([^"]+)"',
            client.get(active.get_absolute_url()).content.decode(),
        ).group(1)
        assert client.post(url, {"body": "Hej igen", "form_key": key}).status_code == 302
    assert Comment.objects.filter(body="Hej igen").count() == 2


@pytest.mark.django_db
def test_it_keeps_the_key_when_a_form_comes_back_with_errors(client, scene):
    """Nothing was created, so the corrected form may still create, once."""
    login(client, scene["member"])
    url = reverse("initiatives:create")
    key = form_key(client, url)
    response = client.post(url, full_post(action="save", title="", form_key=key))
    assert f'value="{key}"' in response.content.decode()
    client.post(url, full_post(action="save", form_key=key))
    client.post(url, full_post(action="save", form_key=key))
    assert Initiative.objects.count() == 2  # the scene's own and this one


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises whole transactions, so threads cannot race there "
    "(run with scripts/with-postgres)",
)
@pytest.mark.django_db(transaction=True)
def test_it_creates_one_draft_when_two_posts_of_a_form_arrive_together(city_malmo, staff_malmo):
    member = make_user("maja@example.org")
    group = make_group("Grannar", city_malmo, slug="grannar", admins=[member])
    barrier = threading.Barrier(2)
    results = []

    def post():
        try:
            actor = fresh(member)
            barrier.wait(timeout=10)
            results.append(
                initiative_services.create_draft(
                    group=group, actor=actor, data={"title": "Samma"}, form_key="k" * 32
                ).pk
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 2 and results[0] == results[1]
    assert Initiative.objects.filter(title="Samma").count() == 1
    assert FormSubmission.objects.count() == 1
