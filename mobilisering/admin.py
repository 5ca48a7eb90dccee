from django.contrib import admin

from mobilisering.models import AccountPreference, PersonalDataLog, PurgeRun


class ReadOnlyAdmin(admin.ModelAdmin):
    """An audit log: listed and read, never added, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccountPreference)
class AccountPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    list_filter = ["language"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(PersonalDataLog)
class PersonalDataLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "user"]
    list_filter = ["action"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__username"]
    date_hierarchy = "created_at"


@admin.register(PurgeRun)
class PurgeRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "finished_at", "counts"]
    search_fields = ["counts"]
    date_hierarchy = "started_at"
