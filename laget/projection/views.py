from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django_htmx.http import reswap, retarget

from laget.accounts import access
from laget.charts.capacity import need_and_supply
from laget.domain.projection.capacity import ScenarioError, capacity, scenario_from_dict
from laget.projection import selectors
from laget.projection.forms import CapacityForm, ForecastForm


@login_required
@require_GET
def national_capacity(request):
    """The 2022 mapping's capacity arithmetic with its assumptions on sliders (HTMX updates
    the results as they move). National figures only; no data from the register."""
    acc = access.access_for(request.user)
    if not (acc.is_admin or acc.is_aggregate_user):
        raise Http404
    form = CapacityForm(request.GET or None, initial=CapacityForm.initial_values())
    if not request.GET:
        form = CapacityForm(CapacityForm.initial_values())
    result, problems = None, []
    if form.is_valid():
        try:
            result = capacity(scenario_from_dict(form.scenario_data()))
        except ScenarioError as error:
            problems = error.problems
    chart = (
        need_and_supply(
            non_compliant=result.non_compliant_now,
            covered=result.non_compliant_covered_by_further_education,
            leavers=result.leavers_per_year,
            graduates=result.master_graduates_per_year,
        )
        if result
        else None
    )
    context = {
        "form": form,
        "result": result,
        "problems": problems,
        "chart": chart,
        "percent_fields": CapacityForm.PERCENT_FIELDS,
    }
    template = "projection/_capacity_result.html" if request.htmx else "projection/capacity.html"
    # Bad values answer 400 with the errors, the fragment too (htmx swaps 400: base.html).
    return render(request, template, context, status=200 if result else 400)


@login_required
@require_GET
def service_projection(request, pk: int):
    """The projection for a service (an HTMX fragment on the competence page, or a page): its
    own users change the scenario's parameters; users outside it see the published scenarios
    (the national turnover, built by the worker like every figure that leaves a service)."""
    service = access.get_service_or_404(request.user, pk)
    if not access.has_person_access(request.user, service):
        # outside the service: the published scenarios only, with no parameters to change
        # (two runs with other parameters would tell what the published figures hide)
        projection = selectors.services_projection(
            user=request.user, services=[service], today=timezone.localdate()
        )
        context = {"service": service, "projection": projection, "form": None}
        template = (
            "projection/_projection_section.html"
            if request.htmx
            else "projection/service_projection.html"
        )
        return render(request, template, context)
    form = ForecastForm(request.GET or None)
    changes = form.changes() if form.is_valid() else {}
    projection = selectors.service_projection(
        user=request.user, service=service, today=timezone.localdate(), changes=changes
    )
    if not form.is_bound and projection.forecasts:
        used = projection.forecasts[0].parameters
        form = ForecastForm(
            initial={
                "annual_turnover": round(used.annual_turnover * 100),
                "completion_probability": round(used.completion_probability * 100),
                "replacements_with_master": round(used.replacements_with_master * 100),
                "runs": used.runs,
            }
        )
    context = {"service": service, "projection": projection, "form": form}
    if not request.htmx:
        template = "projection/service_projection.html"
    elif request.htmx.target == "framskriving" and form.errors:
        # the form re-ran with bad values: the whole section, so the form shows its errors
        response = render(request, "projection/_projection_section.html", context, status=400)
        return reswap(retarget(response, "#framskriving-seksjon"), "outerHTML")
    elif request.htmx.target == "framskriving":
        # the form re-ran: the results, and the form again out of band (errors cleared)
        context["form_out_of_band"] = True
        template = "projection/_service_projection.html"
    else:  # the competence page loads the whole section lazily
        template = "projection/_projection_section.html"
    return render(request, template, context, status=400 if form.errors else 200)
