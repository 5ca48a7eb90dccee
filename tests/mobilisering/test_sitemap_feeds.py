"""/sitemap.xml, robots.txt, the Atom feeds and what a page tells search engines and chat apps
about itself: absolute language alternates, Open Graph and Twitter card tags."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from initiatives.models import Initiative, Status
from tests.conftest import make_group
from tests.trainings.conftest import make_course, make_session

pytestmark = pytest.mark.django_db

SITE = "https://mobilisering.example.org"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
    "a": "http://www.w3.org/2005/Atom",
}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def content(city_malmo):
    """A public and a pending group, a public and a draft initiative, a course with an upcoming
    and a past session."""
    group = make_group("Rosengårds röster", city_malmo)
    make_group("Väntande grupp", city_malmo, status="pending")
    public = Initiative.objects.create(
        group=group,
        city=city_malmo,
        title="Samråd på riktigt",
        summary="Vi vill ha **riktiga** samråd.",
        status=Status.APPROVED,
        decided_at=timezone.now(),
    )
    draft = Initiative.objects.create(
        group=group, city=city_malmo, title="Hemligt utkast", status=Status.DRAFT
    )
    course = make_course(title_sv="Påverkansarbete", title_en="Advocacy")
    upcoming = make_session(city_malmo, course=course, days=5)
    past = make_session(city_malmo, course=course, days=-5)
    return {"group": group, "public": public, "draft": draft, "upcoming": upcoming, "past": past}


def sitemap_urls(client) -> dict[str, list[tuple[str, str]]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: [
            (link.get("hreflang"), link.get("href")) for link in url.findall("x:link", NS)
        ]
        for url in root.findall("s:url", NS)
    }


def test_every_url_in_the_sitemap_answers_anonymously_in_both_languages(client, content):
    urls = sitemap_urls(client)

    paths = [urlsplit(url).path for url in urls]
    assert all(url.startswith(SITE + "/") for url in urls)
    for path in paths:
        assert client.get(path).status_code == 200, path
    for language in ["sv", "en"]:
        assert f"/{language}/" in paths
        assert f"/{language}/groups/rosengards-roster/" in paths
        assert f"/{language}/initiatives/{content['public'].pk}/" in paths
        assert f"/{language}/trainings/sessions/{content['upcoming'].pk}/" in paths
    assert not any("vantande-grupp" in path for path in paths)
    assert f"/sv/initiatives/{content['draft'].pk}/" not in paths
    assert f"/sv/trainings/sessions/{content['past'].pk}/" not in paths


def test_every_sitemap_url_names_its_language_versions_and_a_default(client, content):
    urls = sitemap_urls(client)

    alternates = urls[f"{SITE}/sv/groups/rosengards-roster/"]
    assert alternates == [
        ("sv", f"{SITE}/sv/groups/rosengards-roster/"),
        ("en", f"{SITE}/en/groups/rosengards-roster/"),
        ("x-default", f"{SITE}/groups/rosengards-roster/"),
    ]
    # The default address answers in the visitor's language.
    response = client.get("/groups/rosengards-roster/", headers={"accept-language": "en"})
    assert response.status_code == 302 and response["Location"] == "/en/groups/rosengards-roster/"


def test_robots_txt_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()

    assert f"Sitemap: {SITE}/sitemap.xml" in text.splitlines()


def head(html: str) -> str:
    return html[: html.index("</head>")]


def test_every_page_names_its_language_versions_with_absolute_urls(client, content):
    for path in ["/sv/", "/en/groups/rosengards-roster/", "/sv/search/?q=samr%C3%A5d"]:
        html = head(client.get(path).content.decode())
        links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
        bare = path[3:]
        assert links == {
            "sv": f"{SITE}/sv{bare}",
            "en": f"{SITE}/en{bare}",
            "x-default": f"{SITE}{bare}",
        }


def meta(html: str) -> dict[str, str]:
    tags = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', head(html))
    return dict(tags)


def test_a_group_page_has_a_link_preview_with_its_logo(client, content, settings, tmp_path):
    group = content["group"]
    group.logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    group.description = 'Unga i Rosengård som vill bli "hörda" & tagna på allvar.'
    group.save()

    tags = meta(client.get("/sv/groups/rosengards-roster/").content.decode())

    assert tags["og:title"] == tags["twitter:title"] == "Rosengårds röster"
    assert tags["og:description"] == tags["description"]
    assert "Unga i Rosengård" in tags["og:description"]
    assert tags["og:type"] == "website"
    assert tags["og:url"] == f"{SITE}/sv/groups/rosengards-roster/"
    assert tags["og:locale"] == "sv_SE" and tags["og:locale:alternate"] == "en_GB"
    assert tags["og:image"] == f"{SITE}{group.logo.url}" == tags["twitter:image"]
    assert tags["twitter:card"] == "summary"


def test_a_page_without_a_picture_has_a_preview_without_one(client, content):
    tags = meta(client.get(f"/en/initiatives/{content['public'].pk}/").content.decode())

    assert tags["og:title"] == "Samråd på riktigt"
    assert tags["og:locale"] == "en_GB"
    assert tags["og:description"]
    assert "og:image" not in tags


def test_every_page_announces_the_feeds(client):
    html = head(client.get("/sv/").content.decode())

    feeds = re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html
    )
    assert feeds == ["/sv/initiatives/feed/", "/sv/trainings/feed/", "/sv/stories/feed/"]


def feed(client, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_the_initiatives_feed_lists_newly_public_initiatives(client, content):
    root = feed(client, "/sv/initiatives/feed/")

    entries = root.findall("a:entry", NS)
    assert [entry.find("a:title", NS).text for entry in entries] == ["Samråd på riktigt"]
    entry = entries[0]
    assert entry.find("a:link", NS).get("href") == f"{SITE}/sv/initiatives/{content['public'].pk}/"
    assert entry.find("a:author/a:name", NS).text == "Rosengårds röster"
    assert "<strong>riktiga</strong>" in entry.find("a:summary", NS).text
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"


def test_the_trainings_feed_lists_upcoming_sessions_in_the_pages_language(client, content):
    root = feed(client, "/en/trainings/feed/")

    entries = root.findall("a:entry", NS)
    assert len(entries) == 1
    assert entries[0].find("a:title", NS).text.startswith("Advocacy – ")
    link = entries[0].find("a:link", NS).get("href")
    assert link == f"{SITE}/en/trainings/sessions/{content['upcoming'].pk}/"
