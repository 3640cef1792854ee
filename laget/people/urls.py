from django.urls import path

from laget.people import views

app_name = "people"

urlpatterns = [
    path("meg/", views.me, name="me"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/endre/", views.edit, name="edit"),
    path("<int:pk>/ansettelse/<int:employment_id>/", views.employment_edit, name="employment_edit"),
    path("ny-i-tjeneste/<int:service_pk>/", views.hire, name="hire"),
    path("<int:pk>/<slug:kind>/ny/", views.record_add, name="record_add"),
    path("<int:pk>/<slug:kind>/<int:record_id>/slett/", views.record_delete, name="record_delete"),
    path("<int:pk>/<slug:kind>/<int:record_id>/vurder/", views.record_assess, name="record_assess"),
    path("<int:pk>/forslag/<int:proposal_id>/", views.proposal_decide, name="proposal_decide"),
]
