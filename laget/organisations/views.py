from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from laget.accounts import access
from laget.competence.text import STATUS_SHORT_LABELS
from laget.core.paging import page_of
from laget.organisations import selectors
from laget.organisations.attention import attention, services_flagged
from laget.organisations.coming_up import coming_up, user_due
from laget.organisations.forms import STAFF_SORTS, OverviewFilterForm, StaffFilterForm


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
        "to_comment": user_due(request.user, today),
        "today": today,
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
    today = timezone.localdate()
    waiting = coming = None
    if summary.person_access:
        from laget.supervision.selectors import service_supervision

        rows = service_supervision(user=request.user, service=service, today=today).rows
        waiting = attention(request.user, service, today, rows)
        coming = coming_up(service, today, rows)
    return render(
        request,
        "organisations/detail.html",
        {
            "summary": summary,
            "service": service,
            "units": units,
            "municipalities": municipalities,
            "attention": waiting,
            "coming": coming,
        },
    )


@login_required
@require_GET
def unit(request, pk: int, unit_id: int):
    """One unit's staff and their supervision, for its leader (avdelingsleder) and the
    service's leaders and HR: who works there, their status against the competence
    requirement, how their supervision stands and when the next session is due."""
    from laget.competence.selectors import status_by_person
    from laget.supervision.selectors import service_supervision

    found = access.get_unit_or_404(request.user, pk, unit_id)
    today = timezone.localdate()
    supervision = service_supervision(
        user=request.user, service=found.service, today=today, unit_id=found.pk
    )
    statuses = status_by_person(service=found.service, today=today)
    rows = [
        (
            row,
            STATUS_SHORT_LABELS.get(statuses.get(row.person.pk), "–"),  # type: ignore[arg-type]
            row.regularity.next_due(today),
        )
        for row in supervision.rows
    ]
    return render(
        request,
        "organisations/unit.html",
        {
            "unit": found,
            "service": found.service,
            "rows": rows,
            "today": today,
            "service_access": access.has_person_access(request.user, found.service),
        },
    )


#: Rows on a page of the staff list.
STAFF_PER_PAGE = 50


@login_required
@require_GET
def staff(request, pk: int):
    """The service's current staff, searchable by name, filtered by unit, role category and
    status against the competence requirement, sortable, 50 a page; all of it kept in the
    address. The table alone is the HTMX fragment."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    form = StaffFilterForm(request.GET or None, service=service)
    filters = form.filters()
    found = selectors.staff_list(
        user=request.user, service=service, today=timezone.localdate(), **filters
    )
    page = page_of(request, found.employments, STAFF_PER_PAGE)
    rows = []
    for employment in page:
        status = found.status_of.get(employment.person_id)
        rows.append((employment, status, STATUS_SHORT_LABELS.get(status, "–")))  # type: ignore[arg-type]
    context = {
        "service": service,
        "form": form,
        "page": page,
        "rows": rows,
        "total": found.total,
        "order": filters["order"],
        "sort": _sort_links(filters["order"]),
        "filtered": any(filters[k] for k in ("name", "unit", "role", "status")),
    }
    # the whole page when htmx restores an address it pushed and no longer has in its cache
    fragment = request.htmx and not request.htmx.history_restore_request
    template = "organisations/_staff_table.html" if fragment else "organisations/staff.html"
    return render(request, template, context)


def _sort_links(order: str) -> dict[str, tuple[str, str]]:
    """Per sortable column: the order a click on its heading asks for (the other direction
    when the list is sorted by it) and its `aria-sort`."""
    links = {}
    for key in STAFF_SORTS:
        if order == key:
            links[key] = (f"-{key}", "ascending")
        elif order == f"-{key}":
            links[key] = (key, "descending")
        else:
            links[key] = (key, "none")
    return links
