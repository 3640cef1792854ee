from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


@login_required
@require_GET
def home(request):
    """To the user's own start page, as the access policy decides it (`LAGET_LANDING_URL`:
    core names the function by a setting and imports no app above it)."""
    return redirect(import_string(settings.LAGET_LANDING_URL)(request.user))


@login_required
@require_GET
def no_role(request):
    return render(request, "core/no_role.html")


@require_GET
def health(request):
    """For the load balancer: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _error(request, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"title": title, "message": message, "status": status},
        status=status,
    )


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        _("Ugyldig forespørsel"),
        _("Forespørselen kunne ikke leses. Kontroller det du sendte inn og prøv igjen."),
    )


def permission_denied(request, exception=None):
    return _error(request, 403, _("Ingen tilgang"), _("Du har ikke tilgang til denne siden."))


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Fant ikke siden"),
        _("Siden finnes ikke, eller du har ikke tilgang til den."),
    )


def server_error(request):
    return _error(
        request, 500, _("Noe gikk galt"), _("En feil oppstod hos oss. Prøv igjen om litt.")
    )


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        _("Skjemaet kunne ikke sendes"),
        _(
            "Sikkerhetskontrollen for skjemaet feilet, ofte fordi siden har vært åpen lenge. "
            "Last siden på nytt og prøv igjen."
        ),
    )


@require_GET
def glossary(request):
    from laget.core.glossary import glossary as groups

    return render(request, "core/glossary.html", {"groups": groups()})
