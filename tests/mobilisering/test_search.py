"""The portal-wide search (/search/): one box over groups, initiatives and trainings, the same
behaviour on SQLite and PostgreSQL, and nothing private ever found."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from cities.models import LocalGroup
from initiatives.models import Initiative, Status
from mobilisering import search
from tests.conftest import count_queries, login, make_group, make_user
from tests.trainings.conftest import make_course, make_registration, make_session

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stemming and typo tolerance are PostgreSQL's (full-text search, pg_trgm); "
    "run with scripts/with-postgres",
)


def make_initiative(group, title: str, *, status=Status.APPROVED, **text) -> Initiative:
    """An initiative written directly in `status` (the workflow is not what is tested here)."""
    return Initiative.objects.create(
        group=group,
        city=group.city,
        title=title,
        status=status,
        decided_at=timezone.now() if status in {Status.APPROVED, Status.ACTIVE} else None,
        **text,
    )


def results(client, language="sv", **params) -> str:
    response = client.get(f"/{language}/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_it_finds_groups_initiatives_and_trainings_grouped_by_kind(client, city_malmo):
    group = make_group(
        "Läxhjälp på modersmål", city_malmo, description="Frivilliga ger barn stöd i skolan."
    )
    make_initiative(group, "Läsårets stöd", summary="Vi ger läxhjälp i biblioteket.")
    course = make_course(description_sv="Ett exempel: läxhjälp som inte räcker till.")
    make_session(city_malmo, course=course)

    html = main(results(client, q="läxhjälp"))

    assert "4 resultat för ”läxhjälp”" in html or "4 resultat för “läxhjälp”" in html
    for heading, count in [("Grupper", 1), ("Initiativ", 1), ("Utbildningar", 1)]:
        assert f'{heading} <span class="search-section__count">({count})</span>' in html
    assert 'href="/sv/groups/laxhjalp-pa-modersmal/"' in html
    assert "Läsårets stöd" in html and "Malmö" in html
    assert f'href="/sv/trainings/sessions/{course.sessions.get().pk}/"' in html
    assert html.index("Grupper") < html.index("Initiativ") < html.index("Utbildningar")


def test_it_marks_the_words_found_and_escapes_everything_else(client, city_malmo):
    make_group(
        "Grannar i Sofielund",
        city_malmo,
        description='Vi vill ha **läxhjälp** för alla & "fler" lokaler \x02inte\x03 <b>fet</b>.',
    )

    html = main(results(client, q="läxhjälp"))

    assert "<mark>läxhjälp</mark>" in html
    assert "&amp;" in html and "&quot;fler&quot;" in html
    assert "**" not in html  # Markdown is read as text
    assert "<mark>inte</mark>" not in html and "<b>" not in html


def test_it_filters_by_city(client, city_malmo, city_stockholm):
    make_group("Trygga gårdar Malmö", city_malmo)
    make_group("Trygga gårdar Stockholm", city_stockholm)

    everywhere = main(results(client, q="trygga"))
    in_malmo = main(results(client, q="trygga", city="malmo"))

    assert "Trygga gårdar Malmö" in everywhere and "Trygga gårdar Stockholm" in everywhere
    assert "Trygga gårdar Malmö" in in_malmo and "Trygga gårdar Stockholm" not in in_malmo
    assert "i Malmö" in in_malmo


def test_it_shows_a_few_of_each_kind_and_pages_through_all_of_one(client, city_malmo):
    for n in range(25):
        make_group(f"Bostadsgrupp {n:02}", city_malmo)

    overview = main(results(client, q="bostadsgrupp"))
    first = main(results(client, q="bostadsgrupp", kind="groups"))
    second = main(results(client, q="bostadsgrupp", kind="groups", page=2))

    assert overview.count('class="search-hit"') == search_shown()
    assert "Visa alla grupper (25)" in overview
    assert 'href="/sv/search/?q=bostadsgrupp&amp;kind=groups"' in overview
    assert first.count('class="search-hit"') == 20 and second.count('class="search-hit"') == 5
    assert 'rel="next"' in first


def search_shown() -> int:
    from mobilisering.views import SEARCH_SHOWN

    return SEARCH_SHOWN


def test_it_reads_the_english_texts_on_the_english_pages(client):
    make_course(title_sv="Påverkan i praktiken", title_en="Advocacy in practice")

    assert "Advocacy in practice" in main(results(client, "en", q="advocacy"))
    assert "Påverkan i praktiken" not in main(results(client, "sv", q="advocacy"))
    assert "Påverkan i praktiken" in main(results(client, "sv", q="påverkan"))


@pytest.mark.parametrize("query", ["", "   ", "!!! ?? …", "–"])
def test_it_answers_an_empty_or_punctuation_query_with_a_friendly_page(client, query):
    html = main(results(client, q=query))

    assert "Skriv ett eller två ord" in html or "Din sökning innehåller inga ord" in html
    assert "search-hit" not in html


def test_it_cuts_a_query_at_500_characters(client, city_malmo):
    make_group("Läxhjälp på modersmål", city_malmo)

    html = main(results(client, q="läxhjälp " + "å" * 2000))

    value = html.split('id="search-q" value="')[1].split('"')[0]
    assert len(value) == search.MAX_QUERY_LENGTH


def test_it_ignores_an_unknown_city_or_kind(client, city_malmo):
    make_group("Läxhjälp på modersmål", city_malmo)

    html = main(results(client, q="läxhjälp", city="atlantis", kind="nothing"))

    assert "Läxhjälp på modersmål" in html


def test_it_never_finds_private_things_whoever_searches(
    client, city_malmo, staff_malmo, django_user_model
):
    """Pending, rejected and archived groups, initiatives that are not public, past or cancelled
    sessions and the people registered never appear, for a visitor, a member or staff."""
    admin = make_user("ada@example.org")
    for status in ["pending", "rejected", "archived"]:
        make_group(f"Hemligvänner {status}", city_malmo, status=status, admins=[admin])
    public = make_group("Öppna gården", city_malmo, admins=[admin])
    for status in [
        Status.DRAFT,
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.CHANGES_REQUESTED,
        Status.DECLINED,
        Status.WITHDRAWN,
        Status.DISCONTINUED,
    ]:
        make_initiative(public, f"Hemligplan {status}", status=status)
    make_initiative(public, "Synligt projekt", summary="Öppet för alla.")
    past = make_session(city_malmo, course=make_course(title_sv="Hemligkurs förr"), days=-3)
    make_session(
        city_malmo, course=make_course(title_sv="Inställd kurs"), is_cancelled=True, days=4
    )
    make_registration(past, name="Zacharias Hemligsson", email="zh@example.org")
    superuser = django_user_model.objects.create_superuser(
        "root@example.org", "root@example.org", "x"
    )

    for who in [None, admin, staff_malmo, superuser]:
        client.logout()
        if who is superuser:
            client.force_login(superuser)
        elif who is not None:
            login(client, who)
        for query in ["hemligvänner", "hemligplan", "hemligsson", "zh@example.org"]:
            html = main(results(client, q=query))
            assert "search-hit" not in html, (who, query)
            assert "0 resultat" in html
        # The courses are public; their past and cancelled sessions are not upcoming ones.
        for query in ["hemligkurs", "inställd"]:
            assert "/trainings/sessions/" not in main(results(client, q=query)), (who, query)
        assert "Synligt projekt" in main(results(client, q="synligt"))


def test_it_runs_the_same_number_of_queries_whatever_the_data(client, city_malmo, city_stockholm):
    def add(n):
        for i in range(n):
            city = city_malmo if i % 2 else city_stockholm
            group = make_group(f"Grannar nummer {LocalGroup.objects.count()}", city)
            make_initiative(group, f"Grannar ordnar {i}", summary="Grannar hjälps åt.")
            make_session(city, course=make_course(summary_sv="För grannar som vill påverka."))

    add(2)
    few = count_queries(client, "/sv/search/", {"q": "grannar"})
    few_kind = count_queries(client, "/sv/search/", {"q": "grannar", "kind": "sessions"})
    add(30)
    many = count_queries(client, "/sv/search/", {"q": "grannar"})
    many_kind = count_queries(client, "/sv/search/", {"q": "grannar", "kind": "sessions"})

    assert few == many
    assert few_kind == many_kind
    kinds = len(search.kinds())
    # The first few of each kind with their count; the cities; the content's versions, which
    # key the kept results.
    assert many <= kinds + 2
    assert many_kind <= kinds + 3  # the counts, the chosen kind's page; the cities; versions
    assert many <= 12 and many_kind <= 12


def test_it_runs_the_same_number_of_queries_past_the_counts_limit(client, city_malmo, monkeypatch):
    """Past COUNT_LIMIT matches a count stops, and the page says "more than"."""
    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    for n in range(2):
        make_group(f"Grannar nummer {n}", city_malmo)
    few = count_queries(client, "/en/search/", {"q": "grannar"})
    for n in range(2, 8):
        make_group(f"Grannar nummer {n}", city_malmo)
    many = count_queries(client, "/en/search/", {"q": "grannar"})
    many_kind = count_queries(client, "/en/search/", {"q": "grannar", "kind": "groups"})

    assert few == many and many_kind <= many + 1
    overview = main(results(client, "en", q="grannar"))
    assert "More than 3 results for “grannar”" in overview
    assert 'Groups <span class="search-section__count">(3+)</span>' in overview
    assert "Show all groups (more than 3)" in overview
    assert main(results(client, "en", q="grannar", kind="groups")).count('class="search-hit"') == 3


def test_it_finds_a_word_inside_a_longer_one_and_short_words_too(client, city_malmo):
    make_group("Bostadsfrågor i Gamla staden", city_malmo, description="Vi samlas.")
    make_group("Läxhjälp", city_malmo, description="Vi samlas.")

    assert "Bostadsfrågor" in main(results(client, q="bostad"))
    assert "Bostadsfrågor" in main(results(client, q="ga bostad"))
    assert "Bostadsfrågor" in main(results(client, q="BOSTADSFRÅGOR"))
    assert "Läxhjälp" not in main(results(client, q="ga bostad"))
    assert "0 resultat" in main(results(client, q="bostad läxhjälp"))


def test_a_short_word_is_found_whatever_its_case_in_all_of_unicode(client, city_malmo):
    make_group("Grannar i Åby", city_malmo, description="Vi samlas.")

    assert "Grannar i Åby" in main(results(client, q="åb"))
    assert "Grannar i Åby" in main(results(client, q="ÅB grannar"))
    assert "Grannar i Åby" not in main(results(client, q="öb"))


@pytest.mark.parametrize(
    "query",
    [
        '"läxhjälp',
        'läxhjälp"',
        "läxhjälp*",
        "-läxhjälp",
        "name:läxhjälp",
        "{title text} : läxhjälp",
        "NEAR(läxhjälp modersmål)",
        "läxhjälp^",
        "(läxhjälp",
        "läxhjälp OR",
        "läxhjälp & !modersmål",
        "läxhjälp:*",
        "läxhjälp' OR 1=1 --",
    ],
)
def test_a_searchs_own_syntax_typed_by_a_person_is_text(client, city_malmo, query):
    """Quotes, stars, minus, colons, NEAR, OR, brackets: words to look for (SQLite's FTS5 and
    PostgreSQL's tsquery alike), never part of the query's syntax, never an error."""
    make_group(
        "Läxhjälp på modersmål", city_malmo, description="Ord att hitta: name, title, text, near."
    )

    html = main(results(client, q=query))

    assert "<h1>Sök</h1>" in html
    if "OR" not in query:  # "or" is a word to find too, and the group does not hold it
        assert "Läxhjälp på modersmål" in html, query


@pytest.mark.parametrize(
    "query",
    [
        "läxhjälp " + "x" * 490,
        " ".join(["a"] * 250),
        " ".join(["läxhjälp"] * 60),
        '"' * 500,
        "*" * 500,
        "å" * 500,
    ],
)
def test_it_answers_long_input_without_an_error(client, city_malmo, query):
    make_group("Läxhjälp på modersmål", city_malmo)

    assert "<h1>Sök</h1>" in main(results(client, q=query))


def test_a_query_reads_each_word_once():
    assert search.words("Bo bo BO läxhjälp, Läxhjälp!") == ["Bo", "läxhjälp"]
    assert search.case_forms("åk") == ["ÅK", "Åk", "åK", "åk"]
    assert search.like_pattern("a_b%\\") == "%a\\_b\\%\\\\%"


def test_the_fts_query_quotes_every_word():
    query = search.fts_query(['a"b', "NEAR", "*"], ["title", "text"])

    assert query == '{title text} : ("a""b" AND "NEAR" AND "*")'


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 tables")
def test_the_text_index_is_remade_when_sqlite_dropped_its_triggers(city_malmo):
    """SQLite rebuilds a table to alter it, which drops its triggers: the next migrate (its
    post_migrate) makes the index again, with what changed meanwhile."""
    group = make_group("Grannar", city_malmo, description="Om parker.")
    with connection.cursor() as cursor:
        cursor.execute('DROP TRIGGER "cities_localgroup_search_update"')
    LocalGroup.objects.filter(pk=group.pk).update(description="Om cykelbanor.")

    search.sync_text_indexes()

    found = search.Search("cykelbanor").matching(search.kinds()[0])
    assert list(found) == [group]
    assert not search.Search("parker").matching(search.kinds()[0]).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
def test_sqlite_looks_words_up_in_the_text_index_not_in_every_row(city_malmo):
    make_group("Grannar", city_malmo)
    query = search.Search("grannar")
    for kind in search.kinds():
        sql, params = query.matches(kind).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = [row[-1] for row in cursor.fetchall()]
        table = search.document_model(kind)._meta.db_table
        assert any(f"SCAN {table}_search VIRTUAL TABLE" in step for step in plan), plan
        assert not any(step.startswith(f"SCAN {table}") and "VIRTUAL" not in step for step in plan)


def test_every_kind_comes_from_an_apps_search_module():
    keys = [kind.key for kind in search.kinds()]

    assert keys[:2] == ["groups", "initiatives"]
    assert {"courses", "sessions"} <= set(keys)


def test_the_plain_highlighter_escapes_first_and_marks_every_word():
    passage = search.highlight("Barn <b>&</b> läxhjälp, LÄXHJÄLP igen", ["läxhjälp"])

    assert passage == "Barn &amp; <mark>läxhjälp</mark>, <mark>LÄXHJÄLP</mark> igen"


# --- PostgreSQL: full-text search and typo tolerance --------------------------------------------


@postgresql_only
def test_it_finds_other_forms_of_a_word_in_swedish(client, city_malmo):
    make_group("Kvinnor i Sofielund", city_malmo, description="En informell grupp som möts.")

    html = main(results(client, q="grupperna"))

    assert "Kvinnor i Sofielund" in html
    assert "<mark>grupp</mark>" in html


@postgresql_only
def test_it_finds_other_forms_of_a_word_in_english(client):
    make_course(title_sv="Påverkan", title_en="Advocacy", description_en="Groups campaigning.")

    assert "Advocacy" in main(results(client, "en", q="campaigns"))


@postgresql_only
def test_it_forgives_a_typo_in_a_title(client, city_malmo):
    make_group("Rosengårds röster", city_malmo)
    make_group("Läxhjälp på modersmål", city_malmo)

    assert "Rosengårds röster" in main(results(client, q="Rosengard"))
    assert "Läxhjälp på modersmål" in main(results(client, q="laxhjalp"))
    assert "Rosengårds röster" in main(results(client, q="Rosengårds"))


def test_it_ranks_a_title_above_body_text(client, city_malmo):
    make_group("Bostad åt alla", city_malmo, description="Vi samlas varje vecka.")
    make_group("Grannskap", city_malmo, description="Vi pratar om vardagen och ibland bostad.")
    make_group("Bostadsfrågor", city_malmo, description="Bostad, bostad, bostad för alla.")

    html = main(results(client, q="bostad"))

    assert html.index("Bostad åt alla") < html.index("Grannskap")
    assert html.index("Bostadsfrågor") < html.index("Grannskap")


def test_the_documents_follow_every_edit(client, city_malmo):
    """The stored vectors are generated columns (PostgreSQL), the FTS5 tables follow by
    triggers (SQLite): an update or a delete through any path is searchable."""
    group = make_group("Grannar", city_malmo, description="Om parker.")
    LocalGroup.objects.filter(pk=group.pk).update(description="Om cykelbanor.")

    assert "Grannar" in main(results(client, q="cykelbanor"))
    assert "Grannar" not in main(results(client, q="parker"))
    LocalGroup.objects.filter(pk=group.pk).delete()
    assert "Grannar" not in main(results(client, q="cykelbanor"))


def test_a_session_in_the_past_is_not_an_upcoming_one(client, city_malmo):
    course = make_course(title_sv="Rättigheter i vardagen")
    make_session(city_malmo, course=course, days=2)
    make_session(city_malmo, course=course, starts_at=timezone.now() - timedelta(days=1))

    html = main(results(client, q="vardagen", kind="sessions"))

    assert html.count('class="search-hit"') == 1


@pytest.mark.parametrize(
    "query",
    ["a_b", "foo:bar & !baz | (qux)", 'x\'y "z"', "\\", "12 000", "_", "😀 läxhjälp", "och"],
)
def test_it_answers_odd_input_without_an_error(client, city_malmo, query):
    make_group("Läxhjälp på modersmål", city_malmo)

    html = main(results(client, q=query))

    assert "<h1>Sök</h1>" in html


def test_a_hit_written_in_swedish_is_marked_as_swedish_on_the_english_page(client, city_malmo):
    """A screen reader reads a group's Swedish words with a Swedish voice on /en/search/, and
    the English text of a group that wrote in English is not marked."""
    swedish = make_group("Läxhjälp i Rosengård", city_malmo, description="Läxhjälp varje vecka.")
    LocalGroup.objects.filter(pk=swedish.pk).update(language="sv")
    english = make_group("Homework club", city_malmo, description="Läxhjälp in English too.")
    LocalGroup.objects.filter(pk=english.pk).update(language="en")

    html = main(results(client, language="en", q="läxhjälp"))

    swedish_hit = html[
        html.index("Läxhjälp i Rosengård") - 300 : html.index("Läxhjälp i Rosengård")
    ]
    english_hit = html[html.index("Homework club") - 300 : html.index("Homework club")]
    assert '<article class="search-hit" lang="sv">' in swedish_hit
    assert '<article class="search-hit">' in english_hit


@postgresql_only
def test_postgresql_can_serve_every_search_from_its_indexes(city_malmo):
    """The search repeats the indexed expressions exactly (the stored tsvector, the unaccented
    title), so that PostgreSQL can answer from the GIN indexes instead of reading every row
    (with so few rows it would rather read them: other plans are turned off here)."""
    make_group("Grannar", city_malmo)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for language in ["sv", "en"]:
            for kind in search.kinds():
                if kind.path:  # sessions: their course's document, as the courses'
                    continue
                model = search.document_model(kind)
                match = search.Search("grannar", language=language)._postgresql_match(kind)
                sql, params = model._base_manager.filter(match).values("pk").query.sql_with_params()
                cursor.execute(f"EXPLAIN {sql}", params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                table = model._meta.db_table
                assert f"Bitmap Index Scan on {table}_search_title_" in plan, (kind.key, plan)
                assert f"_search_{language} " in plan.replace("\n", " "), (kind.key, plan)
                assert "Seq Scan" not in plan, (kind.key, plan)
