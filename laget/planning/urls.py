from django.urls import path

from laget.planning import views

app_name = "planning"

urlpatterns = [
    path("<int:pk>/kompetanseplan/", views.index, name="index"),
    path("<int:pk>/videreutdanning/", views.pipeline, name="pipeline"),
    path("<int:pk>/kompetanseplan/<int:year>/", views.detail, name="detail"),
    path("<int:pk>/kompetanseplan/<int:year>/tiltak/", views.measure_add, name="measure_add"),
    path(
        "<int:pk>/kompetanseplan/<int:year>/tiltak/<int:measure_id>/slett/",
        views.measure_delete,
        name="measure_delete",
    ),
]
