from django.urls import path

from laget.reports import comment_views, correction_views, views

app_name = "reports"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/kapittel/<slug:key>/", views.section_edit, name="section_edit"),
    path("<int:report_id>/sammenligning/", views.comparisons_edit, name="comparisons"),
    path("<int:report_id>/kommentar/", comment_views.comment_add, name="comment_add"),
    path(
        "<int:report_id>/kommentar/<int:comment_id>/behandlet/",
        comment_views.comment_handled,
        name="comment_handled",
    ),
    path(
        "<int:report_id>/kommentar/<int:comment_id>/svar/",
        comment_views.comment_answer,
        name="comment_answer",
    ),
    path("<int:report_id>/status/", views.status_change, name="status"),
    path("<int:report_id>/historikk/", views.history, name="history"),
    path("<int:report_id>/last-ned/<str:fmt>/", views.download, name="download"),
    path("<int:report_id>/rettet-versjon/", correction_views.correct, name="correct"),
    path("<int:report_id>/tidligere-versjoner/", correction_views.withdrawn, name="withdrawn"),
    path(
        "<int:report_id>/tidligere-versjoner/last-ned/<str:fmt>/",
        correction_views.withdrawn_download,
        name="withdrawn_download",
    ),
]
