from django.urls import path

from laget.planning import views

app_name = "planning_person"

urlpatterns = [
    path("<int:pk>/karriereplan/", views.career_plan, name="career"),
]
