"""Forms of the editors' workspace: stories, their pictures, editions and chapters.

They check the shape of the input; the rules are the services' (`handbook/services.py`), whose
field errors the views show next to these forms' fields.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import City, LocalGroup, RightsTheme
from handbook.models import Example, Status
from mobilisering import images
from mobilisering.forms import textarea


class WorkspaceFilterForm(forms.Form):
    """The workspace list's filter by status."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + list(Status.choices), required=False
    )


class ExampleForm(forms.Form):
    """The story's texts in both languages, its city, group and themes."""

    title_sv = forms.CharField(label=_("Title (Swedish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    summary_sv = forms.CharField(
        label=_("Summary (Swedish)"),
        widget=textarea(3),
        required=False,
        help_text=_("A few sentences of plain text, shown in lists and on cards."),
    )
    summary_en = forms.CharField(label=_("Summary (English)"), widget=textarea(3), required=False)
    body_sv = forms.CharField(
        label=_("Story (Swedish)"),
        widget=textarea(14),
        required=False,
        help_text=_("Markdown: ## for a heading, - for a list, **bold**."),
    )
    body_en = forms.CharField(label=_("Story (English)"), widget=textarea(14), required=False)
    lessons_sv = forms.CharField(
        label=_("Lessons learned (Swedish)"),
        widget=textarea(5),
        required=False,
    )
    lessons_en = forms.CharField(
        label=_("Lessons learned (English)"),
        widget=textarea(5),
        required=False,
    )
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none())
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=LocalGroup.objects.filter(status=LocalGroup.Status.APPROVED)
        .select_related("city")
        .order_by("city__ordering", "name"),
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=RightsTheme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, cities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities if cities is not None else City.objects.all()
        self.fields["group"].label_from_instance = lambda g: f"{g.name} ({g.city.name})"

    def clean(self):
        data = super().clean()
        city, group = data.get("city"), data.get("group")
        if city and group and group.city_id != city.pk:
            self.add_error("group", _("Choose one of the city's groups, or none."))
        return data


def initial_from(example: Example) -> dict:
    initial = {field: getattr(example, field) for field in ExampleForm.base_fields}
    initial["themes"] = list(example.themes.all())
    return initial


class ImageForm(forms.Form):
    """A picture for a story, with alt text in both languages."""

    # A FileField, not an ImageField: the picture is opened only by images.clean_picture, with
    # Pillow limited to JPEG, PNG and WebP and the size checked before decoding.
    picture = forms.FileField(
        label=_("Picture"),
        help_text=_("JPEG, PNG or WebP, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_sv = forms.CharField(
        label=_("Alt text (Swedish)"),
        max_length=300,
        help_text=_("What the picture shows, for those who cannot see it."),
    )
    alt_en = forms.CharField(label=_("Alt text (English)"), max_length=300)
    caption_sv = forms.CharField(label=_("Caption (Swedish)"), max_length=300, required=False)
    caption_en = forms.CharField(label=_("Caption (English)"), max_length=300, required=False)
    credit = forms.CharField(label=_("Photo or illustration by"), max_length=150, required=False)

    def clean_picture(self):
        return images.clean_picture(self.cleaned_data["picture"])


class EditionForm(forms.Form):
    slug = forms.SlugField(
        label=_("Address"), max_length=40, help_text=_("Letters, digits and hyphens, e.g. 2015.")
    )
    title_sv = forms.CharField(label=_("Title (Swedish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    introduction_sv = forms.CharField(
        label=_("Introduction (Swedish)"),
        widget=textarea(8),
        required=False,
        help_text=_("Markdown."),
    )
    introduction_en = forms.CharField(
        label=_("Introduction (English)"), widget=textarea(8), required=False
    )


class ChapterForm(forms.Form):
    title_sv = forms.CharField(label=_("Title (Swedish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        required=False,
        help_text=_("Made from the Swedish title when left empty."),
    )
    introduction_sv = forms.CharField(
        label=_("Introduction (Swedish)"),
        widget=textarea(6),
        required=False,
        help_text=_("Markdown."),
    )
    introduction_en = forms.CharField(
        label=_("Introduction (English)"), widget=textarea(6), required=False
    )


class ChapterExamplesForm(forms.Form):
    """The chapter's examples in order: one position field per example (empty to leave it out),
    which works without JavaScript."""

    def __init__(self, *args, examples, current: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.examples = list(examples)
        for example in self.examples:
            position = current.get(example.pk)
            self.fields[f"example_{example.pk}"] = forms.IntegerField(
                label=example.title,
                required=False,
                min_value=1,
                max_value=999,
                initial=position + 1 if position is not None else None,
            )

    def rows(self):
        return [(example, self[f"example_{example.pk}"]) for example in self.examples]

    def ordered_examples(self) -> list[Example]:
        chosen = [
            (self.cleaned_data[f"example_{example.pk}"], index, example)
            for index, example in enumerate(self.examples)
            if self.cleaned_data.get(f"example_{example.pk}")
        ]
        return [example for _pos, _index, example in sorted(chosen, key=lambda t: t[:2])]
