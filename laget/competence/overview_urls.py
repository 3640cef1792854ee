from django.urls import path

from laget.competence import views

app_name = "competence_overview"

urlpatterns = [
    path("", views.overview, name="overview"),
]
