"""The Django admin for initiatives: read-mostly. Status changes go through the workflow (the
staff pages call `services.transition`), so `status` is read-only here."""

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
    list_filter = ["status", "city", "kind_of_work"]
    search_fields = ["title", "summary", "group__name"]
    list_select_related = ["group", "city", "assigned_to"]
    readonly_fields = ["status", "submitted_at", "decided_at", "created_at", "updated_at"]
    autocomplete_fields = ["group"]
    filter_horizontal = ["themes"]
    raw_id_fields = ["assigned_to", "created_by"]
    inlines = [PartnerInline, EventInline]


@admin.register(SupportGrant)
class SupportGrantAdmin(admin.ModelAdmin):
    list_display = ["initiative", "kind", "amount_sek", "date", "public"]
    list_filter = ["kind", "public"]
    raw_id_fields = ["initiative", "recorded_by"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["initiative", "final", "period_start", "period_end", "people_reached"]
    list_filter = ["final", "consent_to_feature"]
    raw_id_fields = ["initiative", "author"]


admin.site.register(Assessment, raw_id_fields=["initiative", "reviewer"])
admin.site.register(Comment, raw_id_fields=["initiative", "author"])
admin.site.register(Attachment, raw_id_fields=["initiative", "report", "uploaded_by"])
