from django.urls import path

from laget.projection import views

app_name = "projection_service"

urlpatterns = [
    path("<int:pk>/framskriving/", views.service_projection, name="service"),
]
