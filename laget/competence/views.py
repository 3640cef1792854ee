from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from laget.accounts import access
from laget.competence import selectors
from laget.competence.forms import PersonFilterForm
from laget.organisations.forms import OverviewFilterForm
from laget.organisations.selectors import filter_services
from laget.projection.selectors import services_projection


@login_required
@require_GET
def service_competence(request, pk: int):
    """Status against the requirement for one service; its leaders/HR get the person list
    loaded after the page (`service_persons`), so the figures show at once."""
    service = access.get_service_or_404(request.user, pk)
    overview = selectors.competence_overview(
        user=request.user, services=[service], today=timezone.localdate(), with_persons=False
    )
    context = {
        "service": service,
        "overview": overview,
        "person_access": access.has_person_access(request.user, service),
    }
    return render(request, "competence/service.html", context)


PERSONS_PER_PAGE = 50


@login_required
@require_GET
def service_persons(request, pk: int):
    """The service's persons, most urgent first, searchable by name and status, 50 a page
    (the filters are kept in the address); an HTMX fragment on the competence page."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    form = PersonFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.service_persons(
        service=service,
        today=timezone.localdate(),
        name=filters.get("navn", ""),
        status=filters.get("status", ""),
    )
    page = Paginator(rows, PERSONS_PER_PAGE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    context = {"service": service, "page": page, "form": form, "query": query.urlencode()}
    template = "competence/_persons.html" if request.htmx else "competence/persons.html"
    return render(request, template, context)


@login_required
@require_GET
def overview(request):
    """The competence picture across every service the user may see (municipal, county,
    national), filtered like the service overview; aggregates only."""
    acc = access.access_for(request.user)
    if not (acc.is_admin or acc.is_aggregate_user):
        raise Http404
    form = OverviewFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    services = list(
        filter_services(
            access.services_visible(request.user),
            county=filters.get("county"),
            network=filters.get("network"),
        )
        .select_related("host_municipality")
        .order_by("name")
    )
    combined, rows = selectors.competence_across_services(
        user=request.user, services=services, today=timezone.localdate()
    )
    projection = services_projection(
        user=request.user, services=services, today=timezone.localdate()
    )
    context = {
        "form": form,
        "overview": combined,
        "rows": rows,
        "services": services,
        "projection": projection,
    }
    return render(request, "competence/overview.html", context)
