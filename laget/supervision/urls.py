from django.urls import path

from laget.supervision import views

app_name = "supervision"

urlpatterns = [
    path("<int:pk>/veiledning/", views.service, name="service"),
    path("<int:pk>/veiledning/eksport/", views.export, name="export"),
    path("<int:pk>/veiledning/ny-plan/", views.plan_new, name="plan_new"),
    path("<int:pk>/veiledning/planer/<int:plan_id>/", views.plan, name="plan"),
    path("<int:pk>/veiledning/planer/<int:plan_id>/avslutt/", views.plan_end, name="plan_end"),
    path(
        "<int:pk>/veiledning/planer/<int:plan_id>/samtaler/<int:session_id>/bekreft/",
        views.session_confirm,
        name="session_confirm",
    ),
    path("<int:pk>/veiledning/maler/", views.templates, name="templates"),
    path("<int:pk>/veiledning/maler/<int:template_id>/", views.templates, name="template"),
    path("<int:pk>/veiledning/debrief/", views.debriefs, name="debriefs"),
    path("<int:pk>/veiledning/pause/", views.pause_add, name="pause_add"),
    path("<int:pk>/veiledning/sjekk/", views.check_in, name="check_in"),
    path("<int:pk>/introduksjon/", views.onboarding, name="onboarding"),
]
