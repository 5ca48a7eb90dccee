from django.urls import path

from initiatives import views
from initiatives.staff_urls import urlpatterns as staff_urlpatterns

app_name = "initiatives"

urlpatterns = [
    path("initiatives/<int:pk>/", views.detail, name="detail"),
    path("initiatives/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
]
# The staff workspace (/staff/, /staff/initiatives/<id>/) lives in staff_urls.py.
urlpatterns += staff_urlpatterns
