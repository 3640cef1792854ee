from django.urls import path

from laget.competence import views

app_name = "competence"

urlpatterns = [
    path("<int:pk>/kompetanse/", views.service_competence, name="service"),
]
