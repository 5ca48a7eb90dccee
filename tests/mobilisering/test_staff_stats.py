"""The statistics page: every figure against the data it comes from, per city and per year;
the CSV downloads equal the tables; staff see only their own cities; a fixed number of
queries whatever the data's size."""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from mobilisering import charts
from mobilisering.spreadsheets import safe_cell
from tests.conftest import count_queries, login, make_city_staff, make_user
from tests.mobilisering.conftest import add_programme

pytestmark = pytest.mark.usefixtures("english")


class _Tables(HTMLParser):
    """Each statistics section's table rows (cells as text) and its chart's <title>."""

    def __init__(self):
        super().__init__()
        self.sections: dict[str, dict] = {}
        self.current = None
        self.cell = None
        self.in_body = False
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "stats-section" in (attrs.get("class") or ""):
            self.current = {"rows": [], "chart": None, "svg": None}
            self.sections[attrs["id"]] = self.current
        elif self.current is None:
            return
        elif tag == "svg":
            self.current["svg"] = attrs
        elif tag == "title":
            self.in_title = True
            self.current["chart"] = ""
        elif tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.current["rows"].append([])
        elif tag in {"td", "th"} and self.in_body:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag == "title":
            self.in_title = False
        elif tag in {"td", "th"} and self.cell is not None:
            self.current["rows"][-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        elif self.in_title and self.current is not None:
            self.current["chart"] += data


def tables(client, **params) -> dict[str, list[tuple]]:
    """The page's tables by slug, numbers as integers (thousands separators dropped)."""
    response = client.get(reverse("staff_stats"), params)
    assert response.status_code == 200
    parser = _Tables()
    parser.feed(response.content.decode())
    return {
        slug: [_typed(row) for row in section["rows"]] for slug, section in parser.sections.items()
    }


def _typed(cells) -> tuple:
    def value(cell):
        digits = cell.replace("\xa0", "").replace(" ", "").replace(",", "")
        return int(digits) if digits.isdigit() else cell

    return tuple(value(cell) for cell in cells)


def download(client, slug: str, **params) -> list[tuple]:
    response = client.get(reverse("staff_stats_csv", args=[slug]), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    return [_typed(row) for row in rows[1:]]


@pytest.fixture
def mona(programme, staff_malmo, client):
    login(client, staff_malmo)
    return client


# --- The figures, per city and per year ---------------------------------------------------------


def test_it_counts_groups_and_initiatives_of_malmo_over_all_years(mona):
    figures = tables(mona)
    assert figures["groups-by-status"] == [
        ("Pending approval", 1),
        ("Approved", 1),
        ("Rejected", 0),
        ("Archived", 0),
    ]
    by_status = dict(figures["initiatives-by-status"])
    assert by_status["Completed"] == 1 and by_status["Active"] == 1
    assert sum(by_status.values()) == 2  # the draft is not counted
    themes = dict(figures["initiatives-by-theme"])
    assert themes["Participation and voice"] == 2
    assert sum(themes.values()) == 3
    kinds = dict(figures["initiatives-by-kind"])
    assert kinds == {
        "Concrete effort": 1,
        "Advocacy and opinion-forming": 1,
        "Concrete effort and advocacy": 0,
    }


def test_it_gives_support_reach_partnerships_and_trainings_of_malmo_over_all_years(mona):
    figures = tables(mona)
    assert figures["support-by-city"] == [("Malmö", 2025, 1, 15000), ("Malmö", 2026, 1, 8000)]
    assert ("Mentoring", 1, 1) in figures["support-by-kind"]
    assert ("Premises", 1, 1) in figures["support-by-kind"]
    assert sum(row[1] for row in figures["support-by-kind"]) == 2
    # The completed initiative counts with its final report, the active one with its progress
    # report: 120 + 40 people, 14 + 3 activities, 12 + 5 volunteers, 2 initiatives.
    assert figures["reach-by-city"] == [("Malmö", 160, 17, 17, 2)]
    assert figures["partnerships"] == [("Malmö", "Stockholm", 1, 1)]
    # Two sessions held (the cancelled and the coming one are not), 5 with a seat, 3 came.
    assert figures["trainings-by-city"] == [("Malmö", 2, 5, 3, 60)]


def test_it_gives_the_figures_of_one_year(mona):
    figures = tables(mona, year="2025")
    assert dict(figures["groups-by-status"])["Approved"] == 1
    assert dict(figures["groups-by-status"])["Pending approval"] == 0
    assert sum(dict(figures["initiatives-by-status"]).values()) == 1
    assert dict(figures["initiatives-by-theme"])["Participation and voice"] == 1
    assert figures["support-by-city"] == [("Malmö", 2025, 1, 15000)]
    assert ("Mentoring", 1, 1) in figures["support-by-kind"]
    assert ("Premises", 0, 0) in figures["support-by-kind"]
    # In 2025 the completed initiative had only its progress report.
    assert figures["reach-by-city"] == [("Malmö", 35, 2, 6, 1)]
    assert figures["partnerships"] == [("Malmö", "Stockholm", 1, 1)]
    assert figures["trainings-by-city"] == [("Malmö", 1, 3, 2, 67)]

    figures = tables(mona, year="2026")
    assert dict(figures["groups-by-status"])["Pending approval"] == 1
    assert figures["support-by-city"] == [("Malmö", 2026, 1, 8000)]
    assert figures["reach-by-city"] == [("Malmö", 160, 17, 17, 2)]
    assert figures["partnerships"] == []
    assert figures["trainings-by-city"] == [("Malmö", 1, 2, 1, 50)]


def test_it_shows_the_whole_programme_to_the_administrator(programme, client):
    login(client, make_user("ada@example.org", is_superuser=True, is_staff=True))
    figures = tables(client)
    assert figures["support-by-city"] == [
        ("Stockholm", 2026, 1, 51000),
        ("Malmö", 2025, 1, 15000),
        ("Malmö", 2026, 1, 8000),
    ]
    assert figures["trainings-by-city"] == [("Stockholm", 1, 7, 7, 100), ("Malmö", 2, 5, 3, 60)]
    page = client.get(reverse("staff_stats")).content.decode()
    assert "Whole programme" in page

    figures = tables(client, city="stockholm", year="2026")
    assert figures["reach-by-city"] == [("Stockholm", 999, 77, 88, 1)]


def test_it_lets_staff_of_two_cities_choose_one_or_both(
    programme, client, city_malmo, city_stockholm
):
    login(client, make_city_staff("tvastad@example.org", city_malmo, city_stockholm))
    assert len(tables(client)["support-by-city"]) == 3
    assert tables(client, city="malmo")["reach-by-city"] == [("Malmö", 160, 17, 17, 2)]
    assert "All my cities" in client.get(reverse("staff_stats")).content.decode()


# --- The CSV downloads ---------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"year": "2025"}, {"city": "malmo", "year": "2026"}])
def test_it_downloads_every_table_as_the_page_shows_it(mona, params):
    figures = tables(mona, **params)
    assert len(figures) == 9
    for slug, rows in figures.items():
        assert download(mona, slug, **params) == rows, slug


def test_it_writes_plain_numbers_and_guards_against_formulas(mona):
    response = mona.get(reverse("staff_stats_csv", args=["support-by-city"]))
    text = response.content.decode("utf-8")
    assert "Malmö,2025,1,15000" in text
    assert response["Content-Disposition"] == 'attachment; filename="support-by-city-all-years.csv"'


def test_it_answers_404_for_a_table_that_does_not_exist(mona):
    assert mona.get("/sv/staff/stats/nothing.csv").status_code == 404


# --- Charts -------------------------------------------------------------------------------------


def test_it_draws_each_table_as_a_chart_with_a_title_beside_the_table(mona):
    page = mona.get(reverse("staff_stats")).content.decode()
    parser = _Tables()
    parser.feed(page)
    section = parser.sections["support-by-city"]
    assert section["chart"] == "Funding granted by city and year – SEK"
    assert section["svg"]["role"] == "img"
    assert section["svg"]["aria-labelledby"] == "chart-support-by-city-title"
    assert section["svg"]["aria-describedby"] == "chart-support-by-city-desc"
    desc = (
        '<desc id="chart-support-by-city-desc">Malmö 2025: 15,000 kr; Malmö 2026: 8,000 kr</desc>'
    )
    assert desc in page
    # Each bar is labelled with its row and figure, in text beside it.
    assert '<text class="bar-chart__value" x="70.0%" dx="6"' in page
    assert section["rows"]
    for slug, section in parser.sections.items():
        assert section["rows"] and section["chart"], slug


def test_it_says_so_when_a_table_has_no_figures(mona):
    parser = _Tables()
    parser.feed(mona.get(reverse("staff_stats"), {"year": "2026"}).content.decode())
    assert parser.sections["partnerships"]["rows"] == []
    assert parser.sections["partnerships"]["svg"] is None
    page = mona.get(reverse("staff_stats"), {"year": "2026"}).content.decode()
    assert "No figures for this choice." in page


# --- Who sees what ------------------------------------------------------------------------------


def test_it_never_shows_staff_of_one_city_another_citys_figures(mona):
    page = mona.get(reverse("staff_stats")).content.decode()
    for stockholm_figure in ["51,000", "51000", "999", "Husby"]:
        assert stockholm_figure not in page
    assert '<option value="stockholm"' not in page
    # Asking for Stockholm by hand gives Malmö's figures and says the choice was not usable.
    asked = mona.get(reverse("staff_stats"), {"city": "stockholm"})
    assert "That choice could not be used" in asked.content.decode()
    figures = tables(mona, city="stockholm")
    assert figures["support-by-city"] == [("Malmö", 2025, 1, 15000), ("Malmö", 2026, 1, 8000)]
    for slug in figures:
        rows = download(mona, slug, city="stockholm")
        assert rows == figures[slug]
        assert not any(row[0] == "Stockholm" for row in rows), slug


def test_it_refuses_the_statistics_to_people_who_are_not_staff(programme, client, person):
    login(client, person)
    assert client.get(reverse("staff_stats")).status_code == 403
    assert client.get(reverse("staff_stats_csv", args=["support-by-city"])).status_code == 403


def test_it_sends_visitors_to_the_login(programme, client):
    response = client.get(reverse("staff_stats"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- Queries ------------------------------------------------------------------------------------


def test_it_runs_the_same_number_of_queries_whatever_the_datas_size(
    mona, city_malmo, city_stockholm
):
    url = reverse("staff_stats")
    params = {"city": "malmo", "year": "2026"}
    small = count_queries(mona, url), count_queries(mona, url, params)
    for n in range(3):
        add_programme(city_malmo, city_stockholm, suffix=f" {n}")
    large = count_queries(mona, url), count_queries(mona, url, params)
    assert small == large
    # The session, the person, their cities, the choices, the city names, one per table (9), the
    # staff menu's count of emails held up and the person's permissions (its Handbook tab).
    assert small[0] <= 19, small
    csv_url = reverse("staff_stats_csv", args=["reach-by-city"])
    assert count_queries(mona, csv_url) <= 8


def test_it_leads_with_the_key_figures(mona):
    page = mona.get(reverse("staff_stats")).content.decode()
    found = re.findall(
        r'<span class="key-figures__value">([\d,]+)</span> <span class="key-figures__label">'
        r"([^<]+)</span>",
        page,
    )
    assert found == [
        ("1", "groups approved"),
        ("2", "initiatives proposed"),
        ("23,000", "kronor granted"),
        ("160", "people the groups reached"),
        ("2", "trainings held"),
    ]


def test_it_escapes_chart_text_and_draws_nothing_for_zero():
    svg = charts.bar_chart(
        chart_id="c",
        title="<b>Teman</b>",
        description="a & b",
        bars=[charts.Bar(label="<script>", value=0, text="0"), charts.Bar("Bo", 4, "4")],
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert '<title id="c-title">&lt;b&gt;Teman&lt;/b&gt;</title>' in svg
    assert 'width="0.0%"' in svg and 'width="70.0%"' in svg
    assert charts.bar_length(3, 0) == 0.0


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+46 70", "'+46 70"), ("@x", "'@x"), ("Malmö", "Malmö"), (-3, -3)],
)
def test_it_makes_csv_cells_safe_from_formulas(value, cell):
    assert safe_cell(value) == cell
