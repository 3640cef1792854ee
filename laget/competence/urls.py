from django.urls import path

from laget.competence import views

app_name = "competence"

urlpatterns = [
    path("<int:pk>/kompetanse/", views.service_competence, name="service"),
    path("<int:pk>/kompetanse/personer/", views.service_persons, name="persons"),
    path("<int:pk>/kompetanse/omfang/", views.scope, name="scope"),
    path("<int:pk>/kompetanse/unntak/", views.exemptions, name="exemptions"),
    path(
        "<int:pk>/kompetanse/unntak/<int:exemption_id>/slett/",
        views.exemption_delete,
        name="exemption_delete",
    ),
]
