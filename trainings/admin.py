"""The Django admin for trainings. A session's seats and its cancellation, and a registration's
status, change only through the services (they lock the session, promote from the waiting list
and email the people concerned), so they are read-only here once the row exists."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from trainings.models import Course, Registration, Session


@admin.register(Course)
class CourseAdmin(TranslationAdmin):
    list_display = ["title", "slug", "typical_length", "ordering"]
    search_fields = ["title_sv", "title_en", "slug", "topics_sv", "topics_en"]
    prepopulated_fields = {"slug": ["title_sv"]}


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["course", "city", "is_online", "starts_at", "capacity", "is_cancelled"]
    list_filter = ["city", "is_online", "is_cancelled", "language", "course"]
    list_select_related = ["course", "city"]
    search_fields = ["course__title_sv", "course__title_en", "venue_name", "venue_address"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["contact"]

    def get_readonly_fields(self, request, obj=None):
        # A new session needs its seats; after that the staff pages change them
        # (services.update_session promotes from the waiting list, cancel_session emails).
        if obj is None:
            return []
        return ["capacity", "is_cancelled", "cancel_message"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    # Status changes go through the services (they lock and promote); the admin only reads them.
    list_display = ["name", "email", "session", "status", "attended", "created_at"]
    list_filter = ["status", "attended", "session__city"]
    list_select_related = ["session__course"]
    search_fields = ["name", "email"]
    readonly_fields = ["status", "token", "created_at", "promoted_at", "cancelled_at"]
    raw_id_fields = ["session", "local_group"]

    def has_add_permission(self, request):
        # People sign up on the site, where the waiting list and the emails are handled.
        return False
