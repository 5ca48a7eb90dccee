# The editors' workspace's routes (/staff/stories/…, /staff/handbook/…), kept apart from the
# public ones.
from django.urls import path

from handbook import staff_views

urlpatterns: list = [
    path("staff/stories/", staff_views.examples, name="staff_examples"),
    path("staff/stories/new/", staff_views.example_create, name="staff_example_create"),
    path(
        "staff/stories/from-initiative/<int:initiative_pk>/",
        staff_views.example_start,
        name="staff_example_start",
    ),
    path("staff/stories/<int:pk>/", staff_views.example_edit, name="staff_example"),
    path(
        "staff/stories/<int:pk>/actions/<slug:name>/",
        staff_views.example_action,
        name="staff_example_action",
    ),
    path("staff/stories/<int:pk>/images/", staff_views.image_add, name="staff_image_add"),
    path(
        "staff/stories/<int:pk>/images/<int:image_pk>/remove/",
        staff_views.image_remove,
        name="staff_image_remove",
    ),
    path("staff/handbook/", staff_views.editions, name="staff_editions"),
    path("staff/handbook/<slug:slug>/", staff_views.edition_edit, name="staff_edition"),
    path(
        "staff/handbook/<slug:slug>/publish/",
        staff_views.edition_publish,
        name="staff_edition_publish",
    ),
    path(
        "staff/handbook/<slug:slug>/chapters/<int:pk>/",
        staff_views.chapter_edit,
        name="staff_chapter",
    ),
    path(
        "staff/handbook/<slug:slug>/chapters/<int:pk>/move/",
        staff_views.chapter_move,
        name="staff_chapter_move",
    ),
    path(
        "staff/handbook/<slug:slug>/chapters/<int:pk>/delete/",
        staff_views.chapter_delete,
        name="staff_chapter_delete",
    ),
]
