from django.urls import path

from handbook import feeds, views
from handbook.staff_urls import urlpatterns as staff_urlpatterns

app_name = "handbook"

urlpatterns = [
    path("stories/", views.story_list, name="story_list"),
    path("stories/feed/", feeds.StoryFeed(), name="feed"),
    path("stories/<slug:slug>/", views.story_detail, name="story"),
    path("handbook/", views.index, name="index"),
    path("handbook/<slug:slug>.pdf", views.edition_pdf, name="pdf"),
    path("handbook/<slug:slug>/", views.edition, name="edition"),
    path("handbook/<slug:slug>/<slug:chapter_slug>/", views.chapter, name="chapter"),
]
# The editors' workspace (/staff/stories/…, /staff/handbook/…) lives in staff_urls.py.
urlpatterns += staff_urlpatterns
