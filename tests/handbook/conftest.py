"""Helpers for the handbook tests: an editor, a completed initiative that consents, stories in
any state through the services, and pictures drawn on the spot."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cities.models import RightsTheme
from handbook import services
from handbook.models import Edition, Example
from initiatives.models import Status
from mobilisering import images
from tests.conftest import make_group, make_user
from tests.initiatives.conftest import fresh, make_initiative


def make_editor(email: str):
    """A person holding the editor's permission (and no city)."""
    user = make_user(email, first_name=email.split("@")[0].capitalize())
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="handbook", codename="publish_example")
    )
    return fresh(user)


def picture_upload(name: str = "bild.png", *, size=(640, 420), colour="#7a1f48"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_example(
    *,
    actor,
    city,
    title: str = "Grannar som förändrade",
    status: str = "draft",
    group=None,
    publisher=None,
    picture: bool = False,
    **texts,
) -> Example:
    """A story by `actor` moved to `status` (an editor `publisher` publishes it)."""
    data = {
        "title_sv": title,
        "title_en": texts.pop("title_en", f"{title} (en)"),
        "summary_sv": texts.pop("summary_sv", f"Sammanfattning av {title}."),
        "body_sv": texts.pop("body_sv", "Gruppen samlade grannarna och skrev till nämnden."),
        "lessons_sv": texts.pop("lessons_sv", "Börja där folk redan är."),
        "city": city,
        "group": group,
        "themes": list(RightsTheme.objects.filter(slug__in=texts.pop("themes", ["housing"]))),
        **texts,
    }
    example = services.create_example(actor=fresh(actor), data=data)
    if picture:
        services.add_image(
            example=example,
            actor=fresh(actor),
            picture=images.clean_picture(picture_upload()),
            alt_sv="Grannar på en trappa",
            alt_en="Neighbours on a staircase",
        )
    if status in {"in_review", "published"}:
        services.transition(example=example, name="submit", actor=fresh(actor), notify=False)
    if status == "published":
        services.transition(example=example, name="publish", actor=fresh(publisher or actor))
    example.refresh_from_db()
    return example


def make_edition(*, editor, chapters: dict[str, list[Example]], slug="2015", publish=True):
    """An edition whose chapters (title → stories) are in the given order."""
    edition = services.save_edition(
        actor=editor,
        data={
            "slug": slug,
            "title_sv": f"Goda exempel {slug}",
            "title_en": f"Good examples {slug}",
            "introduction_sv": "En inledning om **handboken**.",
            "introduction_en": "An introduction.",
        },
    )
    for title, examples in chapters.items():
        chapter = services.save_chapter(
            edition=edition, actor=editor, data={"title_sv": title, "title_en": f"{title} (en)"}
        )
        services.set_chapter_examples(chapter=chapter, actor=editor, examples=examples)
    if publish:
        services.publish_edition(edition=edition, actor=editor)
    return Edition.objects.get(pk=edition.pk)


@pytest.fixture
def editor(db):
    """Elin: a handbook editor who is not city staff."""
    return make_editor("elin.editor@example.org")


@pytest.fixture
def member(db):
    """Maja: a member of Tillgängligt Malmö."""
    return make_user("maja@example.org", first_name="Maja")


@pytest.fixture
def group(city_malmo, member):
    return make_group("Tillgängligt Malmö", city_malmo, admins=[member], themes=["disability"])


@pytest.fixture
def completed(group, member, staff_malmo):
    """Tillgänglighetskartan: completed, its final report consenting to be featured."""
    return make_initiative(
        group,
        member=member,
        staff=staff_malmo,
        status=Status.COMPLETED,
        title="Tillgänglighetskartan",
        summary="Vi granskade 120 mötesplatser.",
        right_at_stake="Rätten att delta på lika villkor.",
        themes=list(RightsTheme.objects.filter(slug="disability")),
    )
