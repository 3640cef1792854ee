from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from laget.accounts import access
from laget.organisations import selectors
from laget.organisations.attention import attention, services_flagged
from laget.organisations.forms import OverviewFilterForm


@login_required
@require_GET
def overview(request):
    """All services the user may see, with aggregates; the table is an HTMX partial."""
    acc = access.access_for(request.user)
    if not (acc.is_admin or acc.is_aggregate_user):
        raise Http404
    today = timezone.localdate()
    flagged = services_flagged(request.user, today)
    form = OverviewFilterForm(request.GET or None, user=request.user, flagged=flagged)
    filters = form.cleaned_data if form.is_valid() else {}
    only = next((f.service_ids for f in flagged if f.key == filters.get("vis")), None)
    rows = [
        row
        for row in selectors.services_overview(
            user=request.user,
            today=today,
            county=filters.get("county"),
            network=filters.get("network"),
        )
        if only is None or row.service.pk in only
    ]
    context = {
        "form": form,
        "rows": rows,
        "attention": [f.attention() for f in flagged if f.service_ids],
    }
    if request.htmx:
        return render(request, "organisations/_overview_table.html", context)
    return render(request, "organisations/overview.html", context)


@login_required
@require_GET
def detail(request, pk: int):
    service = access.get_service_or_404(request.user, pk)
    summary = selectors.service_summary(
        user=request.user, service=service, today=timezone.localdate()
    )
    units = service.units.all()
    municipalities = service.municipalities.select_related("county").order_by("number")
    waiting = (
        attention(request.user, service, timezone.localdate()) if summary.person_access else None
    )
    return render(
        request,
        "organisations/detail.html",
        {
            "summary": summary,
            "service": service,
            "units": units,
            "municipalities": municipalities,
            "attention": waiting,
        },
    )


@login_required
@require_GET
def staff(request, pk: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    employments = selectors.staff_list(
        user=request.user, service=service, today=timezone.localdate()
    )
    return render(
        request, "organisations/staff.html", {"service": service, "employments": employments}
    )
