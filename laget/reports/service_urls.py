from django.urls import path

from laget.reports import views

app_name = "reports_service"

urlpatterns = [path("<int:pk>/tilstandsrapport/", views.index, name="index")]
