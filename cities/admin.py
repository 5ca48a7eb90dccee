"""The Django admin for cities and groups.

What a group writes through its pages, and what staff decide, goes through cities.services,
which checks the person's right under a lock, logs a GroupEvent and sends the emails. So a
group's profile changed here is saved by the same service (and logged as the administrator's);
its status, logo, memberships and invitations are read-only, and the event and decision logs
are read-only everywhere."""

from django.contrib import admin, messages
from modeltranslation.admin import TranslationAdmin

from cities import services
from cities.models import (
    GROUP_EVENT_FIELDS,
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
    filter_horizontal = ["themes"]
    inlines = [MembershipInline, EventInline]
    # Status changes go through the staff queue, which logs and emails the decision. The logo
    # changes only through the profile form, which checks it, strips its metadata and makes its
    # renditions (mobilisering.images).
    readonly_fields = ["status", "decision_message", "decided_at", "decided_by", "logo"]

    def has_add_permission(self, request):
        # A group registers on the site: its first admin, the staff's email, the log.
        return False

    def save_model(self, request, obj, form, change):
        """The profile's fields go through services.update_group, which logs who changed
        them; the rest (the city, the address, the language) are saved as they are."""
        direct = [name for name in form.changed_data if name not in GROUP_EVENT_FIELDS]
        if direct:
            obj.save(update_fields=direct)
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in GROUP_EVENT_FIELDS and name != "themes"
        }
        themes = form.cleaned_data["themes"] if "themes" in form.changed_data else None
        try:
            services.update_group(group=obj, actor=request.user, changes=changes, themes=themes)
        except services.GroupError as error:
            # The form checked the name; only a registration at the same moment gets here.
            self.message_user(request, error.message, level=messages.ERROR)

    def save_related(self, request, form, formsets, change):
        # The themes were set by the service (so no form.save_m2m()); the inlines are
        # read-only, so their formsets save nothing.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


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
