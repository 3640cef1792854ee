from django.urls import path

from laget.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-ut/", views.LogoutView.as_view(), name="logout"),
]
