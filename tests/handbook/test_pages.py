"""The public stories and the handbook on the web."""

import pytest
from django.urls import reverse
from django.utils import translation

from handbook import services
from tests.conftest import login, make_group
from tests.handbook.conftest import make_edition, make_example

pytestmark = pytest.mark.django_db


def test_it_lists_stories_newest_first_with_filters(client, editor, city_malmo, city_stockholm):
    make_example(
        actor=editor, city=city_malmo, title="Kartan", status="published", themes=["disability"]
    )
    make_example(
        actor=editor, city=city_stockholm, title="Tolken", status="published", themes=["health"]
    )
    make_example(actor=editor, city=city_malmo, title="Utkastet")
    page = client.get(reverse("handbook:story_list")).text
    assert page.index("Tolken") < page.index("Kartan")
    assert "Utkastet" not in page and "2 berättelser" in page
    page = client.get(reverse("handbook:story_list"), {"city": "malmo"}).text
    assert "Kartan" in page and "Tolken" not in page
    page = client.get(reverse("handbook:story_list"), {"theme": "health"}).text
    assert "Tolken" in page and "Kartan" not in page
    page = client.get(reverse("handbook:story_list"), {"city": "atlantis"}).text
    assert "Kartan" in page and "Tolken" in page  # a wrong filter is ignored, never a 500


def test_it_paginates_the_stories(client, editor, city_malmo):
    for i in range(13):
        make_example(actor=editor, city=city_malmo, title=f"Berättelse {i:02}", status="published")
    first = client.get(reverse("handbook:story_list")).text
    second = client.get(reverse("handbook:story_list"), {"page": 2}).text
    assert "Berättelse 12" in first and "Berättelse 00" not in first
    assert "Berättelse 00" in second


def test_it_shows_a_story_with_its_group_themes_lessons_and_picture(client, editor, city_malmo):
    group = make_group("Tillgängligt Malmö", city_malmo)
    example = make_example(
        actor=editor, city=city_malmo, group=group, title="Kartan", status="published",
        picture=True, lessons_sv="Granska **i par**.", themes=["disability"],
    )  # fmt: skip
    page = client.get(example.get_absolute_url()).text
    assert "Tillgängligt Malmö" in page and "Granska <strong>i par</strong>." in page
    assert "Funktionsrätt och tillgänglighet" in page
    assert 'alt="Grannar på en trappa"' in page
    assert "srcset=" in page and 'width="640" height="420"' in page
    with translation.override("en"):
        url = example.get_absolute_url()
    assert 'alt="Neighbours on a staircase"' in client.get(url).text


def test_it_escapes_what_editors_write(client, editor, city_malmo):
    example = make_example(
        actor=editor, city=city_malmo, title='"><script>alert(1)</script>', status="published",
        summary_sv='" onmouseover="alert(1)', body_sv="<script>alert(2)</script>",
    )  # fmt: skip
    page = client.get(example.get_absolute_url()).text
    assert "<script>alert" not in page
    assert 'content="&quot; onmouseover=&quot;alert(1)"' in page


def test_it_keeps_drafts_private_but_lets_their_writers_preview(client, staff_malmo, city_malmo):
    example = make_example(actor=staff_malmo, city=city_malmo, title="Utkast")
    assert client.get(example.get_absolute_url()).status_code == 404
    login(client, staff_malmo)
    assert "förhandsvisning" in client.get(example.get_absolute_url()).text


def test_it_reads_the_handbook_by_chapter_with_previous_and_next(client, editor, city_malmo):
    first = make_example(actor=editor, city=city_malmo, title="Kartan", status="published")
    second = make_example(actor=editor, city=city_malmo, title="Tolken", status="published")
    make_edition(editor=editor, chapters={"Att bli hörd": [first], "På lika villkor": [second]})
    contents = client.get(reverse("handbook:index")).text
    assert "Goda exempel 2015" in contents and contents.index("Att bli hörd") < contents.index(
        "På lika villkor"
    )
    assert reverse("handbook:pdf", args=["2015"]) in contents
    chapter = client.get(reverse("handbook:chapter", args=["2015", "att-bli-hord"])).text
    assert "Kartan" in chapter and "Tolken" not in chapter
    assert 'rel="next"' in chapter and 'rel="prev"' not in chapter
    last = client.get(reverse("handbook:chapter", args=["2015", "pa-lika-villkor"])).text
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert client.get(reverse("handbook:chapter", args=["2015", "finns-inte"])).status_code == 404


def test_it_says_when_there_is_no_edition_yet(client):
    page = client.get(reverse("handbook:index")).text
    assert "Läs berättelserna" in page


def test_it_adds_stories_to_the_home_page_hub_and_group(client, editor, city_malmo, city_stockholm):
    group = make_group("Tillgängligt Malmö", city_malmo)
    make_example(actor=editor, city=city_malmo, group=group, title="Kartan", status="published")
    assert "Kartan" in client.get(reverse("home")).text
    assert "Kartan" in client.get(city_malmo.get_absolute_url()).text
    assert "Kartan" not in client.get(city_stockholm.get_absolute_url()).text
    assert "Kartan" in client.get(group.get_absolute_url()).text


def test_it_refuses_a_renamed_text_file_as_a_picture(client, editor, city_malmo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    example = make_example(actor=editor, city=city_malmo)
    login(client, editor)
    response = client.post(
        reverse("handbook:staff_image_add", args=[example.pk]),
        {
            "picture": SimpleUploadedFile("bild.png", b"inte en bild", content_type="image/png"),
            "alt_sv": "En bild",
            "alt_en": "A picture",
        },
    )
    assert response.status_code == 200 and "Fel:" in response.text
    assert 'value="En bild"' in response.text  # the input is kept
    assert not example.images.exists()


def test_it_needs_alt_text_in_both_languages(client, editor, city_malmo):
    from tests.handbook.conftest import picture_upload

    example = make_example(actor=editor, city=city_malmo)
    login(client, editor)
    url = reverse("handbook:staff_image_add", args=[example.pk])
    response = client.post(url, {"picture": picture_upload(), "alt_sv": "En bild", "alt_en": ""})
    assert response.status_code == 200 and not example.images.exists()
    response = client.post(
        url, {"picture": picture_upload(), "alt_sv": "En bild", "alt_en": "A picture"}
    )
    assert response.status_code == 302
    picture = example.images.get()
    assert picture.image_renditions and picture.image.name.startswith("stories/")
    services.remove_image(image=picture, actor=editor)
    assert not example.images.exists()


def test_it_opens_the_admin_pages(client, editor, city_malmo):
    from tests.conftest import make_user

    example = make_example(actor=editor, city=city_malmo, status="published")
    make_edition(editor=editor, chapters={"Ett": [example]})
    admin = make_user("ada@example.org", is_superuser=True, is_staff=True)
    login(client, admin)
    for model in ["example", "edition", "chapter", "handbookevent"]:
        assert client.get(f"/sv/admin/handbook/{model}/").status_code == 200
    assert client.get(f"/sv/admin/handbook/example/{example.pk}/change/").status_code == 200
