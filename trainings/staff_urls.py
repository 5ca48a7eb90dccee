# The staff workspace's routes for trainings (/staff/trainings/…), kept apart from the public
# ones. The staff start page (/staff/) is mobilisering's.
from django.urls import path

from trainings import staff_views

urlpatterns: list = [
    path("staff/trainings/", staff_views.staff_sessions, name="staff_sessions"),
    path("staff/trainings/new/", staff_views.staff_session_create, name="staff_session_create"),
    path(
        "staff/trainings/<int:pk>/edit/",
        staff_views.staff_session_edit,
        name="staff_session_edit",
    ),
    path("staff/trainings/<int:pk>/", staff_views.staff_participants, name="staff_participants"),
    path(
        "staff/trainings/<int:pk>/print/",
        staff_views.staff_participants_print,
        name="staff_participants_print",
    ),
    path(
        "staff/trainings/<int:pk>/participants.csv",
        staff_views.staff_participants_csv,
        name="staff_participants_csv",
    ),
    path(
        "staff/trainings/<int:pk>/attendance/",
        staff_views.staff_attendance,
        name="staff_attendance",
    ),
    path(
        "staff/trainings/<int:pk>/cancel/",
        staff_views.staff_session_cancel,
        name="staff_session_cancel",
    ),
    path(
        "staff/trainings/<int:pk>/email/",
        staff_views.staff_email_participants,
        name="staff_email_participants",
    ),
    path(
        "staff/trainings/<int:pk>/registrations/<int:registration_pk>/cancel/",
        staff_views.staff_registration_cancel,
        name="staff_registration_cancel",
    ),
]
