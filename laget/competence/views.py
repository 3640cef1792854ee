from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laget.accounts import access
from laget.competence import selectors, services
from laget.competence.forms import ExemptionForm, PersonFilterForm, ScopeForm
from laget.competence.profiles import rule_set_in_force
from laget.competence.publication import service_unit
from laget.competence.text import coverage_text
from laget.core.fields import group_by_unit
from laget.core.paging import page_of
from laget.organisations.forms import OverviewFilterForm
from laget.organisations.selectors import filter_services, unit_of_staff
from laget.people.models import Person
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
    page = page_of(request, rows, PERSONS_PER_PAGE)
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
        "row_states": selectors.row_states(rows),
        "services": services,
        "projection": projection,
    }
    return render(request, "competence/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def scope(request, pk: int):
    """Which roles the requirement is counted for in the service: the rule set's, and those it
    leaves to the municipality that the municipality has decided on (leaders and HR)."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    _record, rules = rule_set_in_force(timezone.localdate())
    form = ScopeForm(
        request.POST or None, rules=rules, initial={"roles": service.requirement_extra_roles}
    )
    if request.method == "POST" and form.is_valid():
        services.scope_set(actor=request.user, service=service, roles=form.cleaned_data["roles"])
        messages.success(request, _("Lagret. Tallene regnes ut på nytt."))
        return redirect("competence:service", pk=service.pk)
    context = {
        "service": service,
        "form": form,
        "rules": rules,
        "coverage": coverage_text(rules, {service_unit(service.pk): service.extra_roles}),
    }
    return render(request, "competence/scope.html", context, status=400 if form.errors else 200)


def _staff(service, today):
    active = Q(employments__service=service, employments__start_date__lte=today) & (
        Q(employments__end_date__isnull=True) | Q(employments__end_date__gte=today)
    )
    return Person.objects.filter(active).distinct().order_by("family_name", "given_name")


@login_required
@require_http_methods(["GET", "POST"])
def exemptions(request, pk: int):
    """The exemptions from the requirement the municipality was granted for the service's
    staff or positions; leaders and HR register them."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    today = timezone.localdate()
    form = ExemptionForm(request.POST or None, staff=_staff(service, today))
    group_by_unit(form.fields["person"], unit_of_staff(service=service, today=today))
    if request.method == "POST" and form.is_valid():
        services.exemption_add(actor=request.user, service=service, form=form)
        messages.success(request, _("Unntaket er registrert."))
        return redirect("competence:exemptions", pk=service.pk)
    rows = service.exemptions.select_related("person").order_by("-valid_until", "pk")
    context = {"service": service, "form": form, "exemptions": rows, "today": today}
    return render(
        request, "competence/exemptions.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def exemption_delete(request, pk: int, exemption_id: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    exemption = get_object_or_404(service.exemptions, pk=exemption_id)
    services.exemption_delete(actor=request.user, exemption=exemption)
    messages.success(request, _("Unntaket er slettet."))
    return redirect("competence:exemptions", pk=service.pk)
