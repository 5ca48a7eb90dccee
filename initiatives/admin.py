"""The Django admin for initiatives: read-mostly. Status changes go through the workflow (the
staff pages call `services.transition`, which logs and emails), so `status` is read-only here,
and the timeline (`InitiativeEvent`) is read-only everywhere."""

from django.contrib import admin

from initiatives.models import (
    Assessment,
    Attachment,
    Comment,
    Initiative,
    InitiativeEvent,
    InitiativePartner,
    Report,
    SupportGrant,
)
from mobilisering.admin import ReadOnlyAdmin


class PartnerInline(admin.TabularInline):
    model = InitiativePartner
    extra = 0
    autocomplete_fields = ["group"]
    readonly_fields = ["confirmed", "confirmed_at", "confirmed_by", "notified_at"]


class EventInline(admin.TabularInline):
    model = InitiativeEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "kind", "from_status", "to_status", "text", "visible_to_group"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "city", "status", "assigned_to", "submitted_at"]
    list_filter = ["status", "city", "kind_of_work", "themes"]
    search_fields = ["title", "summary", "group__name"]
    list_select_related = ["group", "city", "assigned_to"]
    readonly_fields = ["status", "submitted_at", "decided_at", "created_at", "updated_at"]
    autocomplete_fields = ["group"]
    filter_horizontal = ["themes"]
    raw_id_fields = ["assigned_to", "created_by"]
    inlines = [PartnerInline, EventInline]


@admin.register(InitiativeEvent)
class InitiativeEventAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "kind", "transition", "actor", "visible_to_group", "created_at"]
    list_filter = ["kind", "visible_to_group", "initiative__city"]
    list_select_related = ["initiative", "actor"]
    search_fields = ["initiative__title", "text"]
    date_hierarchy = "created_at"


@admin.register(InitiativePartner)
class InitiativePartnerAdmin(admin.ModelAdmin):
    list_display = ["initiative", "group", "confirmed", "confirmed_at"]
    list_filter = ["confirmed", "group__city"]
    list_select_related = ["initiative", "group"]
    search_fields = ["initiative__title", "group__name"]
    raw_id_fields = ["initiative", "group", "confirmed_by"]
    readonly_fields = ["confirmed", "confirmed_at", "confirmed_by", "notified_at"]


@admin.register(SupportGrant)
class SupportGrantAdmin(admin.ModelAdmin):
    list_display = ["initiative", "kind", "amount_sek", "date", "public"]
    list_filter = ["kind", "public", "initiative__city"]
    list_select_related = ["initiative"]
    search_fields = ["initiative__title", "note"]
    date_hierarchy = "date"
    raw_id_fields = ["initiative", "recorded_by"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["initiative", "final", "period_start", "period_end", "people_reached"]
    list_filter = ["final", "consent_to_feature", "initiative__city"]
    list_select_related = ["initiative"]
    search_fields = ["initiative__title", "done", "outcomes"]
    raw_id_fields = ["initiative", "author"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["initiative", "criterion", "score", "reviewer", "updated_at"]
    list_filter = ["criterion", "score"]
    list_select_related = ["initiative", "reviewer"]
    search_fields = ["initiative__title", "note"]
    raw_id_fields = ["initiative", "reviewer"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["initiative", "author", "internal", "created_at"]
    list_filter = ["internal", "initiative__city"]
    list_select_related = ["initiative", "author"]
    search_fields = ["initiative__title", "body"]
    raw_id_fields = ["initiative", "author"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "initiative", "report", "content_type", "size", "created_at"]
    list_filter = ["content_type"]
    list_select_related = ["initiative"]
    search_fields = ["original_name", "initiative__title"]
    raw_id_fields = ["initiative", "report", "uploaded_by"]
    # The file was checked (type, size, EXIF) when uploaded; the admin does not replace it.
    readonly_fields = ["file", "content_type", "size"]
