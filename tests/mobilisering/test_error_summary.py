"""The error summary at the top of a form (templates/includes/form_errors.html)."""

import re

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.template.loader import render_to_string

pytestmark = pytest.mark.usefixtures("english")


class QuestionForm(forms.Form):
    name = forms.CharField(label="Name")
    right = forms.CharField(label="Which right is not respected?")
    choice = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )

    def clean(self):
        raise forms.ValidationError("The form as a whole is wrong.")


class LaidOutForm(forms.Form):
    """Declared in one order, shown in another by its layout."""

    second = forms.CharField(label="Second")
    first = forms.CharField(label="First")
    honeypot = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Div("first"), "second", "honeypot")

    def clean_honeypot(self):
        raise forms.ValidationError("Leave this empty.")


def summary_lines(form) -> list[str]:
    html = render_to_string("includes/form_errors.html", {"form": form})
    return [re.sub(r"<[^>]+>", "", line).strip() for line in re.findall(r"<li>(.*?)</li>", html)]


def test_it_writes_no_colon_after_a_question():
    lines = summary_lines(QuestionForm(data={}))
    assert "Which right is not respected? This field is required." in lines
    assert "Name: This field is required." in lines
    assert not any("?:" in line for line in lines)


def test_it_lists_the_form_wide_error_first_then_the_fields_in_order():
    assert summary_lines(QuestionForm(data={})) == [
        "The form as a whole is wrong.",
        "Name: This field is required.",
        "Which right is not respected? This field is required.",
        "Kind: This field is required.",
    ]


def test_it_follows_the_layouts_order_not_the_declarations():
    lines = summary_lines(LaidOutForm(data={"honeypot": "x"}))
    assert lines == [
        "First: This field is required.",
        "Second: This field is required.",
        "Leave this empty.",
    ]


def test_each_field_error_links_to_its_input():
    html = render_to_string("includes/form_errors.html", {"form": QuestionForm(data={})})
    assert '<a href="#id_name">Name: This field is required.</a>' in html
    # A group of radio buttons: the link leads to its first option.
    assert '<a href="#id_choice_0">' in html


def test_it_shows_nothing_for_a_form_without_errors():
    form = QuestionForm(data={"name": "x", "right": "y", "choice": "a"})
    form.clean = lambda: form.cleaned_data
    assert render_to_string("includes/form_errors.html", {"form": form}).strip() == ""


def test_the_form_layout_shows_the_summary_the_fields_and_the_actions():
    html = render_to_string(
        "includes/form.html",
        {"form": QuestionForm(data={}), "submit": "Save", "cancel_url": "/en/groups/"},
    )
    assert html.index('id="error-summary"') < html.index('name="name"') < html.index("Save")
    assert '<button type="submit" class="btn btn-primary">Save</button>' in html
    assert '<a class="btn btn-outline-secondary" href="/en/groups/">Cancel</a>' in html


def test_the_form_layout_leaves_the_actions_to_the_page_when_not_given_any():
    html = render_to_string("includes/form.html", {"form": QuestionForm()})
    assert 'type="submit"' not in html
