# The staff workspace's routes for groups (/staff/groups/…), kept apart from the group-facing
# ones, in the "cities" namespace.
from django.urls import path

from cities import staff_views

urlpatterns: list = [
    path("staff/groups/", staff_views.staff_groups, name="staff_groups"),
    path("staff/groups/<slug:slug>/", staff_views.staff_group_review, name="staff_group_review"),
]
