"""The Django admin for trainings. A session's changes go through the services (they lock the
session, check the rule for its times, promote from the waiting list and log who acted); its
seats and its cancellation change only on the staff pages, so they are read-only here once the
row exists. A registration's status, session, attendance and anonymisation are the services'
too; the admin corrects a name or an address, nothing more. The session log only reads."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from modeltranslation.admin import TranslationAdmin

from trainings import services
from trainings.models import Course, Registration, Session, SessionEvent, session_timing_errors


@admin.register(Course)
class CourseAdmin(TranslationAdmin):
    list_display = ["title", "slug", "typical_length", "ordering"]
    search_fields = ["title_sv", "title_en", "slug", "topics_sv", "topics_en"]
    prepopulated_fields = {"slug": ["title_sv"]}


class SessionAdminForm(admin.ModelAdmin.form):
    def clean(self):
        data = super().clean()
        starts = data.get("starts_at", getattr(self.instance, "starts_at", None))
        errors = session_timing_errors(
            starts_at=starts,
            ends_at=data.get("ends_at", getattr(self.instance, "ends_at", None)),
            signup_closes_at=data.get("signup_closes_at"),
        )
        if errors:
            raise ValidationError(errors)
        return data


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionAdminForm
    list_display = ["course", "city", "is_online", "starts_at", "capacity", "is_cancelled"]
    list_filter = ["city", "is_online", "is_cancelled", "language", "course"]
    list_select_related = ["course", "city"]
    search_fields = ["course__title_sv", "course__title_en", "venue_name", "venue_address"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["contact"]
    exclude = ["written_language"]

    def get_readonly_fields(self, request, obj=None):
        # A new session needs its seats; after that the staff pages change them
        # (services.update_session promotes from the waiting list, cancel_session emails).
        if obj is None:
            return []
        return ["capacity", "is_cancelled", "cancel_message"]

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if not change:
            created = services.create_session(
                actor=request.user,
                **{name: form.cleaned_data[name] for name in form.cleaned_data},
            )
            obj.pk = created.pk
            return
        changes = {
            name: value for name, value in fields.items() if name in services.EDITABLE_FIELDS
        }
        try:
            services.update_session(session_id=obj.pk, actor=request.user, changes=changes)
        except services.TrainingError as error:
            messages.error(request, error.message)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "session", "status", "attended", "created_at"]
    list_filter = ["status", "attended", "session__city"]
    list_select_related = ["session__course"]
    search_fields = ["name", "email"]
    readonly_fields = [
        "session",
        "status",
        "attended",
        "consent",
        "language",
        "token",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "anonymised_at",
    ]
    raw_id_fields = ["local_group"]

    def has_add_permission(self, request):
        # People sign up on the site, where the waiting list and the emails are handled.
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting a seat would leave the waiting list waiting: people cancel through their
        # link or the staff page, and the purge anonymises old registrations.
        return False


@admin.register(SessionEvent)
class SessionEventAdmin(admin.ModelAdmin):
    list_display = ["session", "kind", "actor", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["session__course", "actor"]
    search_fields = ["session__course__title_sv", "session__course__title_en"]
    raw_id_fields = ["session", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
