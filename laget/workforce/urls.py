from django.urls import path

from laget.workforce import recruitment_views, views

app_name = "workforce"

urlpatterns = [
    path("<int:pk>/bemanning/", views.service_overview, name="service"),
    path("<int:pk>/bemanning/eksport/", views.service_export, name="export"),
    path("<int:pk>/sykefravaer/import/", views.sick_leave_upload, name="sick_leave_upload"),
    path(
        "<int:pk>/sykefravaer/import/<int:import_id>/",
        views.sick_leave_preview,
        name="sick_leave_preview",
    ),
    path(
        "<int:pk>/sykefravaer/import/<int:import_id>/forkast/",
        views.sick_leave_discard,
        name="sick_leave_discard",
    ),
    path(
        "<int:pk>/sykefravaer/mal/", views.sick_leave_template_download, name="sick_leave_template"
    ),
    path("<int:pk>/sluttsamtaler/", views.exits, name="exits"),
    path("<int:pk>/sluttsamtaler/ny/<int:employment_id>/", views.exit_add, name="exit_add"),
    path("<int:pk>/sluttsamtaler/<int:interview_id>/", views.exit_detail, name="exit_detail"),
    path("<int:pk>/stillinger/", recruitment_views.vacancies, name="vacancies"),
    path("<int:pk>/stillinger/<int:vacancy_id>/", recruitment_views.vacancy, name="vacancy"),
    path(
        "<int:pk>/stillinger/<int:vacancy_id>/ansettelse/",
        recruitment_views.hire_add,
        name="hire_add",
    ),
]
