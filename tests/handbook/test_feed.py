"""The stories' Atom feed: published stories, newest first, in the URL's language."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from tests.handbook.conftest import make_example

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_it_lists_published_stories_in_an_atom_feed(client, editor, city_malmo):
    make_example(actor=editor, city=city_malmo, title="Kartan", status="published")
    make_example(actor=editor, city=city_malmo, title="Tolken", status="published")
    make_example(actor=editor, city=city_malmo, title="Utkastet")
    response = client.get(reverse("handbook:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Tolken", "Kartan"]
    link = next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert link.endswith("/sv/stories/tolken/")
    summary = next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}summary").text
    assert summary == "Sammanfattning av Tolken."


def test_it_serves_the_english_feed_under_en(client, editor, city_malmo):
    make_example(actor=editor, city=city_malmo, title="Kartan", status="published")
    with translation.override("en"):
        url = reverse("handbook:feed")
    feed = ET.fromstring(client.get(url).content)
    assert next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}title").text == "Kartan (en)"
    assert feed.find(f"{ATOM}title").text.startswith("Stories")
