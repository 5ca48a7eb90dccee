from django.urls import path

from trainings import views
from trainings.feeds import UpcomingTrainingsFeed
from trainings.staff_urls import urlpatterns as staff_urlpatterns

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
    path(
        "trainings/registration/<token:token>/calendar.ics",
        views.registration_ics,
        name="registration_ics",
    ),
    path("trainings/<slug:slug>/", views.course_detail, name="course"),
    *staff_urlpatterns,
]
