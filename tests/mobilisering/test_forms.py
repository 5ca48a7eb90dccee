"""Shared form pieces: the error summary and Django's own labels in Swedish."""

from django import forms
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.template.loader import render_to_string
from django.utils import translation


class ChoiceForm(forms.Form):
    name = forms.CharField(label="Name")
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )


def test_it_links_each_error_in_the_summary_to_its_field():
    form = ChoiceForm(data={})
    html = render_to_string("includes/form_errors.html", {"form": form})

    assert 'href="#id_name"' in html
    # A group of radio buttons has no single id; the link leads to its first option.
    assert 'href="#id_kind_0"' in html
    assert 'id="id_kind_0"' in str(form["kind"])


def test_it_labels_an_empty_choice_in_swedish():
    with translation.override("sv"):
        assert str(BLANK_CHOICE_LABEL) == "- Välj ett alternativ -"
    with translation.override("en"):
        assert str(BLANK_CHOICE_LABEL) == "- Select an option -"
