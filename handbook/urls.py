from django.urls import path

from handbook import feeds, staff_views, views

app_name = "handbook"

urlpatterns = [
    path("stories/", views.story_list, name="story_list"),
    path("stories/feed/", feeds.StoryFeed(), name="feed"),
    path("stories/<slug:slug>/", views.story_detail, name="story"),
    path("handbook/", views.index, name="index"),
    path("handbook/<slug:slug>.pdf", views.edition_pdf, name="pdf"),
    path("handbook/<slug:slug>/", views.edition, name="edition"),
    path("handbook/<slug:slug>/<slug:chapter_slug>/", views.chapter, name="chapter"),
    # The editors' workspace.
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
