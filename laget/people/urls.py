from django.urls import path

from laget.people import views

app_name = "people"

urlpatterns = [
    path("meg/", views.me, name="me"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/endre/", views.edit, name="edit"),
]
