"""Page links centre on the current page; the long lists stop at a bounded number of pages."""

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

from mobilisering.pagination import BoundedPaginator
from tests.conftest import make_group


def render_links(page) -> str:
    return render_to_string(
        "includes/pagination.html", {"page_obj": page}, request=RequestFactory().get("/sv/x/")
    )


def test_the_page_links_centre_on_the_current_page():
    """On page 50 of 100 the neighbours 47–53 are links, with ellipses on both sides."""
    html = render_links(Paginator(range(1000), 10).page(50))
    assert '<span class="page-link" aria-current="page">50</span>' in html
    for number in (1, 2, 47, 48, 49, 51, 52, 53, 99, 100):
        assert f'href="?page={number}"' in html
    assert 'href="?page=45"' not in html
    assert html.count("…") == 2


def test_a_long_list_stops_at_the_bounded_page_count():
    """10,000 rows of 10 a page give 200 pages; a later number gives the last of them."""
    paginator = BoundedPaginator(range(10_000), 10)
    assert paginator.num_pages == 200
    assert paginator.truncated
    assert paginator.get_page(1_000_000).number == 200
    assert 'href="?page=200"' in render_links(paginator.page(1))
    assert not BoundedPaginator(range(2000), 10).truncated


@pytest.mark.django_db
def test_the_directory_says_when_pages_are_left_out(client, city_malmo, monkeypatch):
    """Beyond the last page shown the directory gives that page, says the filters narrow the
    list, and still counts every group."""
    monkeypatch.setattr("cities.views.PAGE_SIZE", 2)
    monkeypatch.setattr("mobilisering.pagination.MAX_PAGES", 3)
    for number in range(10):
        make_group(f"Grupp {number:02d}", city_malmo)
    response = client.get("/sv/groups/", {"page": 99})
    html = response.content.decode()
    assert "10 grupper" in html
    assert "Grupp 04" in html and "Grupp 05" in html and "Grupp 06" not in html
    assert "Bara de första 3 sidorna visas. Använd filtren för att begränsa listan." in html
    assert 'href="?page=2"' in html and 'href="?page=4"' not in html
