from django.urls import path

from laget.supervision import personal_views as views

app_name = "supervision_me"

urlpatterns = [
    path("", views.me, name="me"),
    path("samtaler/<int:session_id>/", views.reflect, name="reflect"),
    path("fadder/", views.mentor, name="mentor"),
    path("introduksjon/<int:onboarding_id>/", views.onboarding_detail, name="onboarding"),
    path(
        "introduksjon/<int:onboarding_id>/punkt/<int:task_id>/",
        views.task_toggle,
        name="task_toggle",
    ),
]
