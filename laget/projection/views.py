from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from laget.accounts import access
from laget.charts.capacity import need_and_supply
from laget.domain.projection.capacity import ScenarioError, capacity, scenario_from_dict
from laget.projection.forms import CapacityForm


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
    return render(request, template, context, status=200 if result or request.htmx else 400)
