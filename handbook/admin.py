"""The Django admin for the handbook: read-mostly. Status changes go through the workflow (the
workspace calls `services.transition`), so `status` is read-only here."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from handbook.models import Chapter, Edition, Example, HandbookEvent
from mobilisering.admin import ReadOnlyAdmin


@admin.register(Example)
class ExampleAdmin(TranslationAdmin):
    list_display = ["title", "city", "group", "status", "published_at"]
    list_filter = ["status", "city"]
    search_fields = ["title", "summary"]
    list_select_related = ["city", "group"]
    # The source is set only by services.start_from_initiative, which checks the consent.
    readonly_fields = [
        "status",
        "source_initiative",
        "published_at",
        "published_by",
        "created_by",
        "created_at",
    ]
    raw_id_fields = ["group"]
    filter_horizontal = ["themes"]


@admin.register(Edition)
class EditionAdmin(TranslationAdmin):
    list_display = ["title", "slug", "published", "published_at"]
    list_filter = ["published"]
    search_fields = ["title", "slug"]
    # Publishing goes through the editors' workspace (services.publish_edition), which logs it.
    readonly_fields = ["published", "published_at"]


@admin.register(Chapter)
class ChapterAdmin(TranslationAdmin):
    list_display = ["title", "edition", "order"]
    list_filter = ["edition"]
    search_fields = ["title", "edition__title"]
    list_select_related = ["edition"]


@admin.register(HandbookEvent)
class HandbookEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "example", "edition"]
    list_filter = ["action"]
    search_fields = ["example__title", "edition__title", "actor__email"]
    list_select_related = ["actor", "example", "edition"]
