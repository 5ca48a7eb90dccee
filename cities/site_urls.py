# The portal's own pages that cities serves, under their names without a namespace: the home
# page, and the staff start page and statistics, which are scoped to the staff member's cities.
from django.urls import path

from cities import staff_views, views

urlpatterns: list = [
    path("", views.home, name="home"),
    path("staff/", staff_views.staff_home, name="staff_home"),
    path("staff/stats/", staff_views.stats, name="staff_stats"),
    path("staff/stats/<slug:table>.csv", staff_views.stats_csv, name="staff_stats_csv"),
]
