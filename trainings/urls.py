from django.urls import path

from trainings import views
from trainings.feeds import UpcomingTrainingsFeed

app_name = "trainings"

urlpatterns = [
    path("trainings/", views.calendar, name="calendar"),
    path("trainings/feed/", UpcomingTrainingsFeed(), name="feed"),
    # The session and registration routes come before the course slug, which would take them.
    path("trainings/sessions/<int:pk>.ics", views.session_ics, name="session_ics"),
    path("trainings/sessions/<int:pk>/", views.session_detail, name="session"),
    path(
        "trainings/registration/<token:token>/",
        views.registration_detail,
        name="registration",
    ),
    path("trainings/<slug:slug>/", views.course_detail, name="course"),
    path("staff/trainings/", views.staff_sessions, name="staff_sessions"),
    path("staff/trainings/new/", views.staff_session_create, name="staff_session_create"),
    path("staff/trainings/<int:pk>/edit/", views.staff_session_edit, name="staff_session_edit"),
    path("staff/trainings/<int:pk>/", views.staff_participants, name="staff_participants"),
    path(
        "staff/trainings/<int:pk>/print/",
        views.staff_participants_print,
        name="staff_participants_print",
    ),
    path(
        "staff/trainings/<int:pk>/participants.csv",
        views.staff_participants_csv,
        name="staff_participants_csv",
    ),
    path("staff/trainings/<int:pk>/attendance/", views.staff_attendance, name="staff_attendance"),
    path(
        "staff/trainings/<int:pk>/cancel/", views.staff_session_cancel, name="staff_session_cancel"
    ),
    path(
        "staff/trainings/<int:pk>/email/",
        views.staff_email_participants,
        name="staff_email_participants",
    ),
]
