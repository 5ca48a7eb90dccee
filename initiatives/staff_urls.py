# The staff workspace's routes for initiatives (/staff/initiatives/…), kept apart from the
# group-facing ones. The staff start page (/staff/) is mobilisering's.
from django.urls import path

from initiatives import staff_views

urlpatterns: list = [
    path("staff/initiatives/", staff_views.queue, name="staff_queue"),
    path("staff/initiatives/<int:pk>/", staff_views.detail, name="staff_detail"),
    path("staff/initiatives/<int:pk>/assign/", staff_views.assign, name="staff_assign"),
    path("staff/initiatives/<int:pk>/assess/", staff_views.assess, name="staff_assess"),
    path("staff/initiatives/<int:pk>/comments/", staff_views.comment, name="staff_comment"),
    path("staff/initiatives/<int:pk>/messages/", staff_views.message, name="staff_message"),
    path(
        "staff/initiatives/<int:pk>/actions/<slug:name>/",
        staff_views.action,
        name="staff_action",
    ),
    path("staff/initiatives/<int:pk>/grants/", staff_views.grant, name="staff_grant"),
]
