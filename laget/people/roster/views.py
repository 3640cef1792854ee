"""Roster import (upload, column mapping, check and confirm) and export, for leaders and HR."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laget.accounts import access
from laget.core.tabular import Table, TabularFileError, read_table, read_upload
from laget.core.uploads import SUPERSEDED_MESSAGE, supersede_older
from laget.people import services as people_services
from laget.people.models import RosterImport
from laget.people.roster import exporting, importing
from laget.people.roster.columns import BY_KEY, REQUIRED
from laget.people.roster.forms import MappingForm, UploadForm
from laget.people.roster.mapping import guess_mapping, is_complete, mapping_problems

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pending(service, import_id: int) -> RosterImport:
    try:
        return service.roster_imports.get(pk=import_id)
    except RosterImport.DoesNotExist:
        raise Http404 from None


def _xlsx(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, pk: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    file_error = None
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            table = read_table(uploaded.name, read_upload(uploaded))
        except TabularFileError as error:
            file_error = str(error)
        else:
            pending = RosterImport.objects.create(
                service=service,
                uploaded_by=request.user,
                file_name=uploaded.name[:255],
                table=table.to_json(),
                mapping=guess_mapping(table.headers),
            )
            supersede_older(pending, table={})
            step = (
                "roster:preview"
                if is_complete(pending.mapping, table.headers)
                else "roster:mapping"
            )
            return redirect(step, pk=service.pk, import_id=pending.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "people/roster/upload.html",
        {
            "service": service,
            "form": form,
            "file_error": file_error,
            "waiting": service.roster_imports.filter(state=RosterImport.State.PENDING),
        },
        status=status,
    )


@login_required
@require_POST
def discard(request, pk: int, import_id: int):
    """Forget an uploaded roster that was never imported."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    pending = _pending(service, import_id)
    if pending.state != RosterImport.State.PENDING:
        raise Http404
    people_services.roster_import_discard(actor=request.user, pending=pending)
    messages.success(request, _("Filen «%(file)s» er forkastet.") % {"file": pending.file_name})
    return redirect(f"{reverse('roster:upload', kwargs={'pk': service.pk})}#venter")


@login_required
@require_http_methods(["GET", "POST"])
def mapping(request, pk: int, import_id: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    pending = _pending(service, import_id)
    if pending.state != RosterImport.State.PENDING:
        return redirect("roster:preview", pk=service.pk, import_id=pending.pk)
    headers = pending.table["headers"]
    form = MappingForm(request.POST or None, headers=headers, initial_mapping=pending.mapping)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        chosen = form.mapping()
        problems = mapping_problems(chosen, headers)
        if not problems:
            pending.mapping = chosen
            pending.save(update_fields=["mapping"])
            return redirect("roster:preview", pk=service.pk, import_id=pending.pk)
    context = {
        "service": service,
        "pending": pending,
        "form": form,
        "problems": problems,
        "samples": _samples(pending),
        "required": REQUIRED,
    }
    return render(
        request,
        "people/roster/mapping.html",
        context,
        status=400 if problems or form.errors else 200,
    )


def _samples(pending: RosterImport) -> list[tuple[str, str]]:
    table = Table.from_json(pending.table)
    first = table.rows[0][1] if table.rows else []
    return [(h, first[i] if i < len(first) else "") for i, h in enumerate(table.headers)]


@login_required
@require_http_methods(["GET", "POST"])
def preview(request, pk: int, import_id: int):
    """GET checks the whole file and shows every error or what would change; POST imports."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    pending = _pending(service, import_id)
    if pending.state == RosterImport.State.IMPORTED:
        return render(request, "people/roster/done.html", {"service": service, "pending": pending})
    if pending.state == RosterImport.State.SUPERSEDED:
        messages.info(request, SUPERSEDED_MESSAGE % {"file": pending.file_name})
        return redirect("roster:upload", pk=service.pk)
    apply = request.method == "POST"
    report = importing.roster_import(
        actor=request.user,
        service=service,
        table=Table.from_json(pending.table),
        mapping={k: v for k, v in pending.mapping.items() if k in BY_KEY},
        today=timezone.localdate(),
        apply=apply,
    )
    if apply and report.applied:
        pending.state, pending.table, pending.report = (
            RosterImport.State.IMPORTED,
            {},
            report.to_json(),
        )
        pending.save(update_fields=["state", "table", "report"])
        supersede_older(pending, table={})
        messages.success(
            request,
            _("Importert: %(c)d nye, %(u)d endret, %(n)d uendret.")
            % {"c": report.created, "u": report.updated, "n": report.unchanged},
        )
        return redirect("organisations:staff", pk=service.pk)
    context = {"service": service, "pending": pending, "report": report}
    # A check shown on GET is a page like any other; a refused import (POST) is a 422.
    status = 422 if apply and not report.ok else 200
    return render(request, "people/roster/preview.html", context, status=status)


@login_required
@require_GET
def template(request, pk: int):
    access.get_service_with_person_access_or_404(request.user, pk)
    return _xlsx("laget-mal-ansattliste.xlsx", exporting.roster_template())


@login_required
@require_GET
def export(request, pk: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    filename, content = exporting.roster_xlsx_export(
        actor=request.user, service=service, today=timezone.localdate()
    )
    return _xlsx(filename, content)
