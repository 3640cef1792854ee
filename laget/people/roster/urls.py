from django.urls import path

from laget.people.roster import views

app_name = "roster"

urlpatterns = [
    path("<int:pk>/import/", views.upload, name="upload"),
    path("<int:pk>/import/mal.xlsx", views.template, name="template"),
    path("<int:pk>/import/<int:import_id>/", views.preview, name="preview"),
    path("<int:pk>/import/<int:import_id>/kolonner/", views.mapping, name="mapping"),
    path("<int:pk>/import/<int:import_id>/forkast/", views.discard, name="discard"),
    path("<int:pk>/ansatte/eksport.xlsx", views.export, name="export"),
]
