"""The Django admin for cities and groups. A group's status changes only through the staff
approval page (`services.decide_group`, which logs and emails the decision), so it is read-only
here, and the decision log is read-only everywhere."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from cities.models import (
    City,
    CityStaff,
    GroupDecision,
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


class MembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ["user"]


class DecisionInline(admin.TabularInline):
    model = GroupDecision
    extra = 0
    readonly_fields = ["actor", "action", "message", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LocalGroup)
class LocalGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "kind", "status", "created_at"]
    list_filter = ["status", "city", "kind", "themes"]
    list_select_related = ["city"]
    search_fields = ["name", "description", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes"]
    inlines = [MembershipInline, DecisionInline]
    # Status changes go through the staff queue, which logs and emails the decision. The logo
    # changes only through the profile form, which checks it, strips its metadata and makes its
    # renditions (mobilisering.images).
    readonly_fields = ["status", "decision_message", "decided_at", "decided_by", "logo"]


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "role", "created_at"]
    list_filter = ["role", "group__city"]
    list_select_related = ["user", "group"]
    search_fields = ["user__email", "group__name"]
    autocomplete_fields = ["user", "group"]


@admin.register(GroupInvitation)
class GroupInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "group", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "group__city", ("accepted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["group"]
    search_fields = ["email", "group__name"]
    autocomplete_fields = ["group"]
    readonly_fields = ["token", "accepted_at", "accepted_by"]


@admin.register(GroupDecision)
class GroupDecisionAdmin(ReadOnlyAdmin):
    list_display = ["group", "action", "actor", "created_at"]
    list_filter = ["action", "group__city"]
    list_select_related = ["group", "actor"]
    search_fields = ["group__name", "message"]
