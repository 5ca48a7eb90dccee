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


@admin.register(City)
class CityAdmin(TranslationAdmin):
    list_display = ["name", "slug", "mission_name", "contact_email"]
    prepopulated_fields = {"slug": ["name_sv"]}


@admin.register(RightsTheme)
class RightsThemeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "articles", "discrimination_ground", "ordering"]
    prepopulated_fields = {"slug": ["name_sv"]}


@admin.register(CityStaff)
class CityStaffAdmin(admin.ModelAdmin):
    list_display = ["user", "city"]
    list_filter = ["city"]
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


@admin.register(LocalGroup)
class LocalGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "kind", "status", "created_at"]
    list_filter = ["status", "city", "kind", "themes"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes"]
    inlines = [MembershipInline, DecisionInline]
    # Status changes go through the staff queue, which logs and emails the decision. The logo
    # changes only through the profile form, which checks it, strips its metadata and makes its
    # renditions (mobilisering.images).
    readonly_fields = ["status", "decision_message", "decided_at", "decided_by", "logo"]


@admin.register(GroupInvitation)
class GroupInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "group", "role", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["token"]
