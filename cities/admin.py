"""The Django admin for cities and groups.

What a group writes through its pages, and what staff decide, goes through cities.services,
which checks the person's right under a lock, logs a GroupEvent and sends the emails; so here
a group's profile, status, memberships and invitations are read-only, and the event and
decision logs are read-only everywhere. The admin still places a group in a city and gives it
its address (slug), and edits the cities, themes and staff, which no service owns."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from cities.models import (
    City,
    CityStaff,
    GroupDecision,
    GroupEvent,
    GroupInvitation,
    GroupMembership,
    LocalGroup,
    RightsTheme,
)
from mobilisering.admin import ReadOnlyAdmin


@admin.register(City)
class CityAdmin(TranslationAdmin):
    list_display = ["name", "slug", "mission_name", "contact_email", "ordering"]
    search_fields = ["name_sv", "name_en", "slug", "mission_name"]
    prepopulated_fields = {"slug": ["name_sv"]}


@admin.register(RightsTheme)
class RightsThemeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "articles", "discrimination_ground", "ordering"]
    list_filter = ["discrimination_ground"]
    search_fields = ["name_sv", "name_en", "slug", "articles"]
    prepopulated_fields = {"slug": ["name_sv"]}


@admin.register(CityStaff)
class CityStaffAdmin(admin.ModelAdmin):
    list_display = ["user", "city"]
    list_filter = ["city"]
    list_select_related = ["user", "city"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MembershipInline(ReadOnlyInline):
    model = GroupMembership
    fields = readonly_fields = ["user", "role", "created_at"]


class EventInline(ReadOnlyInline):
    model = GroupEvent
    fields = readonly_fields = ["created_at", "kind", "actor", "member", "data"]
    max_num = 50


@admin.register(LocalGroup)
class LocalGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "kind", "status", "created_at"]
    list_filter = ["status", "city", "kind", "themes"]
    list_select_related = ["city"]
    search_fields = ["name", "description", "contact_email"]
    inlines = [MembershipInline, EventInline]
    # Status changes go through the staff queue, which logs and emails the decision; the
    # profile through its form, which logs the change and checks the logo, strips its metadata
    # and makes its renditions (mobilisering.images).
    readonly_fields = [
        "name",
        "kind",
        "description",
        "themes",
        "rights_gaps",
        "website",
        "contact_email",
        "open_to_cooperation",
        "founded_year",
        "logo",
        "language",
        "status",
        "decision_message",
        "decided_at",
        "decided_by",
    ]


@admin.register(GroupMembership)
class GroupMembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "group", "role", "created_at"]
    list_filter = ["role", "group__city"]
    list_select_related = ["user", "group"]
    search_fields = ["user__email", "group__name"]


@admin.register(GroupInvitation)
class GroupInvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "group", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "group__city", ("accepted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["group"]
    search_fields = ["email", "group__name"]


@admin.register(GroupDecision)
class GroupDecisionAdmin(ReadOnlyAdmin):
    list_display = ["group", "action", "actor", "created_at"]
    list_filter = ["action", "group__city"]
    list_select_related = ["group", "actor"]
    search_fields = ["group__name", "message"]


@admin.register(GroupEvent)
class GroupEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "group", "kind", "actor"]
    list_filter = ["kind", "group__city"]
    list_select_related = ["group", "actor"]
    search_fields = ["group__name", "actor__email"]
    date_hierarchy = "created_at"
