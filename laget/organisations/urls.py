from django.urls import path

from laget.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ansatte/", views.staff, name="staff"),
    path("<int:pk>/enheter/<int:unit_id>/", views.unit, name="unit"),
]
