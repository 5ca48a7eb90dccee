"""Parts of pages kept once rendered (mobilisering/fragments.py): a second visitor's page costs
one query, and a change shows at once, whoever made it and however."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cities import services as city_services
from cities.models import LocalGroup, RightsTheme
from handbook import services as handbook_services
from initiatives.models import Status
from mobilisering import fragments
from mobilisering.models import ContentChange
from tests.conftest import login, make_city_staff, make_group, make_user
from tests.handbook.conftest import make_edition, make_editor, make_example
from tests.initiatives.conftest import fresh, make_initiative
from tests.trainings.conftest import make_registration, make_session

pytestmark = pytest.mark.django_db


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def without_tokens(html):
    """The page without its CSRF tokens, which are made for each response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize(
    "url",
    [
        "/sv/",
        "/sv/groups/",
        "/sv/groups/rosengards-roster/",
        "/sv/initiatives/",
        "/sv/stories/",
        "/sv/cities/malmo/",
        "/sv/cities/",
        "/sv/handbook/",
    ],
)
def test_the_next_visitor_gets_the_page_for_one_query(client, city_malmo, url):
    make_group("Rosengårds röster", city_malmo)
    first, first_count = queries_of(client, url)
    again, again_count = queries_of(client, url)
    assert again == first
    assert again_count < first_count and again_count <= 2


def test_a_group_approved_by_staff_shows_at_once_in_the_kept_directory(client, city_malmo):
    staff = make_city_staff("mona.staff@example.org", city_malmo)
    waiting = make_group("Kvinnor i Fosie", city_malmo, status="pending")
    assert "Kvinnor i Fosie" not in client.get("/sv/groups/").content.decode()

    city_services.decide_group(group=waiting, actor=staff, action="approved")

    assert "Kvinnor i Fosie" in client.get("/sv/groups/").content.decode()
    assert "Kvinnor i Fosie" in client.get("/sv/cities/malmo/").content.decode()


def test_a_change_in_the_admin_or_the_shell_shows_at_once(client, city_malmo):
    group = make_group("Rosengårds röster", city_malmo)
    assert "Rosengårds röster" in client.get("/sv/groups/").content.decode()

    LocalGroup.objects.get(pk=group.pk).delete()  # no service: a model signal records it

    assert "Rosengårds röster" not in client.get("/sv/groups/").content.decode()


def test_a_theme_added_to_a_group_shows_at_once(client, city_malmo):
    group = make_group("Rosengårds röster", city_malmo)
    theme = RightsTheme.objects.order_by("ordering")[0]
    group.themes.clear()
    client.get("/sv/cities/malmo/")

    group.themes.add(theme)  # a many-to-many add saves no model

    assert theme.name_sv in client.get("/sv/cities/malmo/").content.decode()


def test_each_language_keeps_its_own_page(client, city_malmo):
    assert "Fyra städer" in client.get("/sv/").content.decode()
    assert "Four city hubs" in client.get("/en/").content.decode()
    assert "Four city hubs" not in client.get("/sv/").content.decode()


def test_a_filtered_list_is_kept_apart_from_the_whole_list(client, city_malmo, city_stockholm):
    make_group("Rosengårds röster", city_malmo)
    make_group("Husby för alla", city_stockholm)
    everything = client.get("/sv/groups/").content.decode()
    malmo = client.get("/sv/groups/", {"city": city_malmo.slug}).content.decode()
    assert "Husby för alla" in everything
    assert "Rosengårds röster" in malmo and "Husby för alla" not in malmo


def test_members_never_get_a_visitors_page_nor_leave_theirs_for_visitors(client, city_malmo):
    member = make_user("maja@example.org", first_name="Maja")
    staff = make_city_staff("mona.staff@example.org", city_malmo)
    group = make_group("Rosengårds röster", city_malmo, members=[member])
    initiative = make_initiative(group, member=member, staff=staff, status=Status.APPROVED)
    url = initiative.get_absolute_url()

    visitor_page = client.get(url).content.decode()  # kept for visitors
    login(client, member)
    member_page = client.get(url).content.decode()
    client.logout()

    assert member_page != visitor_page
    assert client.get(url).content.decode() == visitor_page


def test_a_fragment_refuses_an_area_that_does_not_exist(rf):
    template = Template('{% load fragments %}{% fragment "x" "nowhere" %}x{% endfragment %}')
    request = rf.get("/")
    with pytest.raises(ValueError, match="nowhere"):
        template.render(Context({"request": request}))


def test_without_a_request_a_fragment_is_rendered_as_it_is():
    template = Template('{% load fragments %}{% fragment "x" "cities" %}{{ n }}{% endfragment %}')
    assert template.render(Context({"n": 1})) == "1"
    assert template.render(Context({"n": 2})) == "2"
    assert not caches["fragments"].get("x")


def test_the_versions_are_read_once_per_request_and_the_log_stays_short(rf, city_malmo):
    request = rf.get("/")
    with CaptureQueriesContext(connection) as queries:
        fragments.versions(request)
        fragments.versions(request)
    assert len(queries) == 1
    for _ in range(fragments.PRUNE_EVERY * 2 + 1):
        fragments.changed("cities")
    assert ContentChange.objects.filter(area="cities").count() <= fragments.PRUNE_EVERY * 2
    latest = ContentChange.objects.filter(area="cities").latest("id").id
    assert fragments.versions(rf.get("/"))["cities"] == latest


def test_what_a_visitor_typed_into_the_sign_up_form_is_never_kept_for_the_next(city_malmo):
    session = make_session(city_malmo)
    url = session.get_absolute_url()
    first, second = Client(), Client()
    first.get(url)
    typed = first.post(url, {"name": "Hemlig Person", "email": "inte-en-adress"})
    assert "Hemlig Person" in typed.content.decode()  # kept on the form for the one who typed

    page = second.get(url).content.decode()
    assert "Hemlig Person" not in page and "inte-en-adress" not in page
    assert page.count('name="csrfmiddlewaretoken"') == 1  # the page's own, made per response
    assert second.get(url).content.decode().count('name="csrfmiddlewaretoken"') == 1


def test_a_visitor_reads_a_kept_page_about_one_thing_for_one_query(client, city_malmo):
    """An initiative, a group, a session, a course, a story and the handbook: what the page is
    about is kept with the page, so that the next visitor's page reads only the versions."""
    member = make_user("maja@example.org", first_name="Maja")
    staff = make_city_staff("mona.staff@example.org", city_malmo)
    group = make_group("Rosengårds röster", city_malmo, members=[member])
    initiative = make_initiative(group, member=member, staff=staff, status=Status.APPROVED)
    editor = make_editor("elin.editor@example.org")
    story = make_example(actor=editor, city=city_malmo, title="Trappan", status="published")
    edition = make_edition(editor=editor, chapters={"Att bli hörd": [story]})
    session = make_session(city_malmo)
    pages = {
        initiative.get_absolute_url(): initiative.title,
        group.get_absolute_url(): group.name,
        session.get_absolute_url(): "Stadsmissionen",
        story.get_absolute_url(): "Trappan",
        edition.chapters.get().get_absolute_url(): "Att bli hörd",
        edition.get_absolute_url(): "Trappan",
        "/sv/handbook/": "Trappan",
        session.course.get_absolute_url(): "Stadsmissionen",
    }
    for url, title in pages.items():
        first, first_count = queries_of(client, url)
        again, again_count = queries_of(client, url)
        assert without_tokens(again) == without_tokens(first) and title in again, url
        assert again_count == 1 < first_count <= 12, url


def test_a_kept_page_about_one_thing_is_gone_at_once_when_the_thing_is(client, city_malmo):
    staff = make_city_staff("mona.staff@example.org", city_malmo)
    group = make_group("Rosengårds röster", city_malmo)
    editor = make_editor("elin.editor@example.org")
    story = make_example(actor=editor, city=city_malmo, title="Trappan", status="published")
    assert client.get(group.get_absolute_url()).status_code == 200
    assert client.get(story.get_absolute_url()).status_code == 200

    city_services.decide_group(group=group, actor=staff, action="archived")
    handbook_services.transition(example=fresh(story), name="unpublish", actor=fresh(editor))

    assert client.get(group.get_absolute_url()).status_code == 404
    assert client.get(story.get_absolute_url()).status_code == 404


def test_the_pages_header_is_kept_for_visitors_by_address_and_never_for_members(client, city_malmo):
    member = make_user("maja@example.org", first_name="Maja")

    def header(url):
        html = client.get(url).content.decode()
        return html[html.index('<header class="site-header">') : html.index("</header>")]

    groups = header("/sv/groups/")
    assert "Logga in" in groups and "Min sida" not in groups
    assert '<a href="/sv/groups/" aria-current="page">Grupper</a>' in groups
    hub = header("/sv/cities/malmo/")
    assert '<a href="/sv/cities/" aria-current="true">Städer</a>' in hub
    assert 'aria-current="page"' not in hub
    assert 'href="/en/groups/?page=2"' in header("/sv/groups/?page=2")  # the page in English
    assert "Log in" in header("/en/groups/")

    login(client, member)
    assert "Min sida" in header("/sv/groups/") and "Logga in" not in header("/sv/groups/")
    client.logout()
    assert header("/sv/groups/") == groups


def test_a_fragment_holding_a_csrf_token_or_a_one_time_key_is_never_kept(rf):
    template = Template(
        '{% load fragments %}{% fragment "x" "cities" %}'
        '<input type="hidden" name="{{ field }}" value="{{ value }}">{% endfragment %}'
    )
    for field in ("csrfmiddlewaretoken", "form_key"):
        first = template.render(Context({"request": rf.get("/"), "field": field, "value": 1}))
        second = template.render(Context({"request": rf.get("/"), "field": field, "value": 2}))
        assert 'value="1"' in first and 'value="2"' in second


def test_a_kept_search_finds_a_group_approved_after_it(client, city_stockholm):
    assert "Husby för alla" not in client.get("/sv/search/", {"q": "Husby"}).content.decode()
    make_group("Husby för alla", city_stockholm)
    assert "Husby för alla" in client.get("/sv/search/", {"q": "Husby"}).content.decode()


def test_a_visitor_sees_the_seats_left_change_without_the_page_counting_them_each_time(
    client, city_malmo
):
    session = make_session(city_malmo, capacity=3)
    url = session.get_absolute_url()
    assert "3 av 3 platser kvar" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not any("trainings_registration" in query["sql"] for query in queries)

    make_registration(session)  # written directly: the model's signal records the change

    assert "2 av 3 platser kvar" in client.get(url).content.decode()
