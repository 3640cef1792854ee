from django.urls import path

from laget.workforce import views

app_name = "workforce_overview"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("eksport/", views.overview_export, name="export"),
]
