"""Text a person wrote carries the language it was written in, on pages in the other language."""

from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from mobilisering.models import current_language

TEMPLATE = Template("{% load mobilisering %}<p{{ obj|lang_attr }}>x</p>")


def test_it_marks_text_written_in_the_other_language():
    with translation.override("en"):
        assert (
            TEMPLATE.render(Context({"obj": SimpleNamespace(language="sv")}))
            == '<p lang="sv">x</p>'
        )


def test_it_adds_nothing_when_the_text_is_in_the_pages_language():
    with translation.override("en"):
        assert TEMPLATE.render(Context({"obj": SimpleNamespace(language="en")})) == "<p>x</p>"


def test_new_text_is_written_in_the_language_the_portal_speaks():
    with translation.override("en"):
        assert current_language() == "en"
    with translation.override("sv"):
        assert current_language() == "sv"
