from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("laget.core.urls")),
    path("konto/", include("laget.accounts.urls")),
    path("tjenester/", include("laget.organisations.urls")),
    path("tjenester/", include("laget.competence.urls")),
    path("kompetanse/", include("laget.competence.overview_urls")),
    path("tjenester/", include("laget.people.roster.urls")),
    path("tjenester/", include("laget.projection.service_urls")),
    path("tjenester/", include("laget.planning.urls")),
    path("tjenester/", include("laget.workforce.urls")),
    path("bemanning/", include("laget.workforce.overview_urls")),
    path("tjenester/", include("laget.supervision.urls")),
    path("veiledning/", include("laget.supervision.me_urls")),
    path("tjenester/", include("laget.reports.service_urls")),
    path("tilstandsrapporter/", include("laget.reports.urls")),
    path("personer/", include("laget.people.urls")),
    path("personer/", include("laget.planning.person_urls")),
    path("nasjonalt/", include("laget.projection.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "laget.core.views.bad_request"
handler403 = "laget.core.views.permission_denied"
handler404 = "laget.core.views.page_not_found"
handler500 = "laget.core.views.server_error"
