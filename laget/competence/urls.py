from django.urls import path

from laget.competence import views

app_name = "competence"

urlpatterns = [
    path("<int:pk>/kompetanse/", views.service_competence, name="service"),
    path("<int:pk>/kompetanse/personer/", views.service_persons, name="persons"),
]
