from django.urls import path

from laget.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("ingen-rolle/", views.no_role, name="no_role"),
    path("helse/", views.health, name="health"),
    path("ordliste/", views.glossary, name="glossary"),
]
