from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from trainings.models import Course, Registration, Session


@admin.register(Course)
class CourseAdmin(TranslationAdmin):
    list_display = ["title", "slug", "ordering"]
    prepopulated_fields = {"slug": ["title_sv"]}
    search_fields = ["title_sv", "title_en", "slug"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["course", "city", "is_online", "starts_at", "capacity", "is_cancelled"]
    list_filter = ["city", "is_online", "is_cancelled", "language"]
    list_select_related = ["course", "city"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["contact"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    # Status changes go through the services (they lock and promote); the admin only reads them.
    list_display = ["name", "email", "session", "status", "attended", "created_at"]
    list_filter = ["status", "session__city"]
    list_select_related = ["session__course"]
    search_fields = ["name", "email"]
    readonly_fields = ["status", "token", "created_at", "promoted_at", "cancelled_at"]
    raw_id_fields = ["session", "local_group"]

    def has_add_permission(self, request):
        # People sign up on the site, where the waiting list and the emails are handled.
        return False
