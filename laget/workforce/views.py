"""Workforce pages: the overview for a service or many, the sick-leave import, exit
interviews and recruitment. Views check access and hand over to selectors and services."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laget.accounts import access
from laget.core.audit import audit_record
from laget.core.models import AuditAction
from laget.core.paging import page_of
from laget.core.tabular import TabularFileError, read_table, read_upload
from laget.core.uploads import SUPERSEDED_MESSAGE, supersede_older
from laget.core.xlsx import XLSX_CONTENT_TYPE
from laget.organisations.forms import OverviewFilterForm
from laget.organisations.selectors import filter_services
from laget.people.models import Employment
from laget.workforce import selectors, services, years
from laget.workforce.exporting import workforce_xlsx
from laget.workforce.forms import (
    ExitInterviewForm,
    SickLeaveUploadForm,
)
from laget.workforce.models import ExitInterview, SickLeaveImport
from laget.workforce.sick_leave_data import register_headcounts
from laget.workforce.sick_leave_import import (
    check,
    sick_leave_import_apply,
    sick_leave_import_discard,
    sick_leave_template,
)


def _xlsx(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def service_overview(request, pk: int):
    service = access.get_service_or_404(request.user, pk)
    overview = selectors.workforce_overview(
        user=request.user, services=[service], today=timezone.localdate()
    )
    return render(request, "workforce/service.html", {"service": service, "overview": overview})


@login_required
@require_GET
def service_export(request, pk: int):
    service = access.get_service_or_404(request.user, pk)
    today = timezone.localdate()
    overview = selectors.workforce_overview(user=request.user, services=[service], today=today)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=service,
        service=service,
        summary=_("Eksporterte turnover og sykefravær"),
    )
    return _xlsx(f"bemanning-{service.slug}-{today:%Y-%m-%d}.xlsx", workforce_xlsx(overview))


def _aggregate_services(request):
    acc = access.access_for(request.user)
    if not (acc.is_admin or acc.is_aggregate_user):
        raise Http404
    form = OverviewFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    services_list = list(
        filter_services(
            access.services_visible(request.user),
            county=filters.get("county"),
            network=filters.get("network"),
        )
        .select_related("host_municipality")
        .order_by("name")
    )
    return form, services_list


@login_required
@require_GET
def overview(request):
    """Across every service the user may see (municipal, county, national): aggregates only."""
    form, services_list = _aggregate_services(request)
    today = timezone.localdate()
    overview = (
        selectors.workforce_overview(
            user=request.user, services=services_list, today=today, per_service=True
        )
        if services_list
        else None
    )
    context = {
        "form": form,
        "services": services_list,
        "overview": overview,
        "rows": overview.service_rows if overview else [],
        "last_year": years.last_complete_year(today),
    }
    return render(request, "workforce/overview.html", context)


@login_required
@require_GET
def overview_export(request):
    _form, services_list = _aggregate_services(request)
    if not services_list:
        raise Http404
    today = timezone.localdate()
    overview = selectors.workforce_overview(
        user=request.user, services=services_list, today=today, per_service=True
    )
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        summary=_("Eksporterte turnover og sykefravær for %(n)d tjenester"),
        values={"n": len(services_list)},
    )
    return _xlsx(
        f"bemanning-{today:%Y-%m-%d}.xlsx", workforce_xlsx(overview, overview.service_rows)
    )


# --- Sick leave import ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sick_leave_upload(request, pk: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    form = SickLeaveUploadForm(request.POST or None, request.FILES or None)
    context: dict = {
        "service": service,
        "form": form,
        "file_errors": [],
        "row_errors": [],
        "waiting": service.sick_leave_imports.filter(state=SickLeaveImport.State.PENDING),
    }
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            table = read_table(uploaded.name, read_upload(uploaded))
        except TabularFileError as error:
            context["file_errors"] = [str(error)]
        else:
            checked = check(service, table, timezone.localdate())
            if checked.ok:
                pending = SickLeaveImport.objects.create(
                    service=service,
                    uploaded_by=request.user,
                    file_name=uploaded.name[:255],
                    rows=checked.rows,
                )
                supersede_older(pending, rows=[])
                return redirect("workforce:sick_leave_preview", pk=service.pk, import_id=pending.pk)
            context["file_errors"], context["row_errors"] = checked.errors, checked.row_errors
    status = 200 if request.method == "GET" else (422 if form.is_valid() else 400)
    return render(request, "workforce/sick_leave_upload.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def sick_leave_preview(request, pk: int, import_id: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    pending = get_object_or_404(service.sick_leave_imports, pk=import_id)
    if pending.state == SickLeaveImport.State.IMPORTED:
        messages.info(request, _("Denne filen er alt importert."))
        return redirect("workforce:service", pk=service.pk)
    if pending.state == SickLeaveImport.State.SUPERSEDED:
        messages.info(request, SUPERSEDED_MESSAGE % {"file": pending.file_name})
        return redirect("workforce:sick_leave_upload", pk=service.pk)
    if request.method == "POST":
        created, replaced = sick_leave_import_apply(
            actor=request.user, service=service, rows=pending.rows
        )
        pending.state = SickLeaveImport.State.IMPORTED
        pending.save(update_fields=["state"])
        supersede_older(pending, rows=[])
        messages.success(
            request,
            _("Sykefraværet er importert: %(c)d nye måneder, %(r)d erstattet.")
            % {"c": created, "r": replaced},
        )
        return redirect("workforce:service", pk=service.pk)
    existing = set(
        service.sick_leave.values_list("unit_id", "month").filter(
            month__in={row["month"] for row in pending.rows}
        )
    )
    register = register_headcounts(
        [service],
        {
            (service.pk, row["unit"] or None, date.fromisoformat(row["month"]))
            for row in pending.rows
        },
    )
    rows = [
        {
            **row,
            "rate": (float(row["self_certified_days"]) + float(row["doctor_certified_days"]))
            / float(row["agreed_days"]),
            "replaces": (row["unit_id"], date.fromisoformat(row["month"])) in existing,
            "register": register[
                (service.pk, row["unit"] or None, date.fromisoformat(row["month"]))
            ],
        }
        for row in pending.rows
    ]
    differing = [row for row in rows if row["register"] != row["persons"]]
    return render(
        request,
        "workforce/sick_leave_preview.html",
        {"service": service, "pending": pending, "rows": rows, "differing": differing},
    )


@login_required
@require_POST
def sick_leave_discard(request, pk: int, import_id: int):
    """Forget a checked sick-leave file that was never imported."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    pending = get_object_or_404(
        service.sick_leave_imports, pk=import_id, state=SickLeaveImport.State.PENDING
    )
    sick_leave_import_discard(actor=request.user, pending=pending)
    messages.success(request, _("Filen «%(file)s» er forkastet.") % {"file": pending.file_name})
    return redirect(f"{reverse('workforce:sick_leave_upload', kwargs={'pk': service.pk})}#venter")


@login_required
@require_GET
def sick_leave_template_download(request, pk: int):
    access.get_service_with_person_access_or_404(request.user, pk)
    return _xlsx("laget-mal-sykefravaer.xlsx", sick_leave_template())


# --- Exit interviews -----------------------------------------------------------------------


@login_required
@require_GET
def exits(request, pk: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    today = timezone.localdate()
    leaving = (
        Employment.objects.filter(
            service=service,
            end_date__isnull=False,
            end_date__gte=today.replace(year=today.year - 2),
            exit_interview__isnull=True,
        )
        .select_related("person")
        .order_by("-end_date")
    )
    interviews = page_of(
        request,
        ExitInterview.objects.filter(employment__service=service)
        .select_related("employment__person")
        .order_by("-held_on", "-pk"),
        50,
    )
    return render(
        request,
        "workforce/exits.html",
        {"service": service, "leaving": leaving, "interviews": interviews},
    )


@login_required
@require_http_methods(["GET", "POST"])
def exit_add(request, pk: int, employment_id: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    employment = get_object_or_404(
        Employment.objects.select_related("person").filter(
            service=service, end_date__isnull=False, exit_interview__isnull=True
        ),
        pk=employment_id,
    )
    form = ExitInterviewForm(
        request.POST or None,
        employment=employment,
        initial={"held_on": min(employment.end_date or date.max, timezone.localdate())},
    )
    if request.method == "POST" and form.is_valid():
        services.exit_interview_create(
            actor=request.user, employment=employment, form=form, ratings=form.ratings()
        )
        messages.success(request, _("Sluttsamtalen er lagret."))
        return redirect("workforce:exits", pk=service.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workforce/exit_form.html",
        {"service": service, "employment": employment, "form": form},
        status=status,
    )


@login_required
@require_GET
def exit_detail(request, pk: int, interview_id: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    interview = get_object_or_404(
        ExitInterview.objects.select_related("employment__person").prefetch_related("ratings"),
        pk=interview_id,
        employment__service=service,
    )
    return render(
        request, "workforce/exit_detail.html", {"service": service, "interview": interview}
    )
