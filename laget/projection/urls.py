from django.urls import path

from laget.projection import views

app_name = "projection"

urlpatterns = [
    path("kapasitet/", views.national_capacity, name="capacity"),
]
