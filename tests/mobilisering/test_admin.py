"""The Django admin: every model has its list (columns, search, filters) and change form, and
the fields that only a service may change are read-only there."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from cities.models import LocalGroup
from initiatives.models import Attachment, Initiative, InitiativeEvent, InitiativePartner
from mobilisering import personal_data
from mobilisering.models import AccountPreference
from tests.conftest import login, make_user

# Fields whose changes must go through a service (lock, promote, log, email).
SERVICE_ONLY = {
    "initiatives.initiative": ["status"],
    "cities.localgroup": ["status"],
    "trainings.session": ["capacity", "is_cancelled"],
    "trainings.registration": ["status"],
}
# Translated models show each language's field.
TRANSLATED = {
    "cities.city": ["name_sv", "name_en", "introduction_sv", "introduction_en"],
    "cities.rightstheme": ["name_sv", "name_en"],
    "trainings.course": ["title_sv", "title_en", "summary_sv", "summary_en"],
}


OUR_APPS = {"mobilisering", "cities", "initiatives", "trainings", "handbook"}


def our_models():
    """The portal's own models in the admin (third-party apps keep their own admin)."""
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in OUR_APPS
    ]


@pytest.fixture
def ada(demo, client):
    login(client, make_user("ada.admin@example.org", is_superuser=True, is_staff=True))
    return client


def _admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_it_lists_searches_and_filters_every_model(ada):
    for model, model_admin in our_models():
        label = model._meta.label_lower
        assert len(model_admin.list_display) > 1, label
        assert model_admin.search_fields, label
        response = ada.get(_admin_url(model, "changelist"), {"q": "a"})
        assert response.status_code == 200, label


@pytest.mark.parametrize("label", sorted(SERVICE_ONLY))
def test_it_shows_fields_only_a_service_changes_read_only(ada, label):
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    obj = model.objects.order_by("pk").first()
    response = ada.get(_admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    page = response.content.decode()
    readonly = response.context["adminform"].readonly_fields
    for field in SERVICE_ONLY[label]:
        assert field in readonly, (label, field)
        assert f'name="{field}"' not in page, (label, field)


def test_it_opens_the_change_form_of_every_model(ada):
    initiative = Initiative.objects.exclude(status="draft").order_by("pk").first()
    other = LocalGroup.objects.exclude(pk=initiative.group_id).order_by("pk").first()
    InitiativePartner.objects.get_or_create(initiative=initiative, group=other)
    Attachment.objects.create(
        initiative=initiative,
        file=f"initiatives/{initiative.pk}/plan.pdf",
        content_type="application/pdf",
        original_name="plan.pdf",
        size=1000,
    )
    AccountPreference.objects.get_or_create(
        user=get_user_model().objects.order_by("pk").first(), defaults={"language": "en"}
    )
    personal_data.export_archive(user=get_user_model().objects.order_by("pk").first())
    personal_data.purge_personal_data()
    for model, _model_admin in our_models():
        obj = model.objects.order_by("pk").first()
        assert obj is not None, model._meta.label
        response = ada.get(_admin_url(model, "change", obj.pk))
        assert response.status_code == 200, model._meta.label


@pytest.mark.parametrize("label", sorted(TRANSLATED))
def test_it_edits_translated_fields_in_each_language(ada, label):
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    page = ada.get(_admin_url(model, "change", model.objects.order_by("pk").first().pk))
    for field in TRANSLATED[label]:
        assert f'name="{field}"' in page.content.decode(), (label, field)


def test_it_shows_the_timelines_read_only(ada):
    initiative = Initiative.objects.exclude(status="draft").order_by("pk").first()
    page = ada.get(_admin_url(Initiative, "change", initiative.pk)).content.decode()
    assert initiative.events.exists()
    assert 'name="events-0-text"' not in page and 'name="events-0-kind"' not in page
    event = initiative.events.order_by("pk").first()
    response = ada.post(_admin_url(InitiativeEvent, "change", event.pk), {"text": "Ändrad"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.text != "Ändrad"
    group = LocalGroup.objects.filter(decisions__isnull=False).first()
    page = ada.get(_admin_url(LocalGroup, "change", group.pk)).content.decode()
    assert 'name="decisions-0-message"' not in page
