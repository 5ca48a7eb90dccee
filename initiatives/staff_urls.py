# The staff workspace's routes for initiatives (/staff/…), kept apart from the group-facing ones.
from django.urls import path  # noqa: F401

urlpatterns: list = []
