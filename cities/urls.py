from django.urls import path

from cities import views

app_name = "cities"

urlpatterns = [
    path("cities/", views.city_list, name="list"),
    path("cities/<slug:slug>/", views.city_detail, name="detail"),
]
