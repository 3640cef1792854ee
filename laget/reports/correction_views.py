"""Pages for a report that failed the small-number check: the confirmation before a corrected
version, the versions withdrawn (for the service's leaders and HR) and their documents."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from laget.core.audit import audit_record
from laget.core.models import AuditAction
from laget.reports import access, corrections
from laget.reports.checking import PUBLISHED
from laget.reports.render import FORMATS

#: The value of «to» on the status form that asks for a corrected version.
CORRECTED = "rettet"


@login_required
@require_GET
def correct(request, report_id: int):
    """What a corrected version does, before the leader asks for it (the form posts to the
    status change)."""
    report = access.get_report_or_404(request.user, report_id)
    if not access.can_edit(request.user, report):
        raise PermissionDenied
    return render(
        request,
        "reports/correct.html",
        {
            "report": report,
            "correctable": report.status in PUBLISHED and report.audit_failed,
            "as_of": corrections.original_as_of(report) if report.frozen else None,
            "corrected": CORRECTED,
        },
    )


@login_required
@require_GET
def withdrawn(request, report_id: int):
    report = access.get_report_in_service_or_404(request.user, report_id)
    return render(
        request,
        "reports/withdrawn.html",
        {
            "report": report,
            "versions": list(report.withdrawn_versions.select_related("withdrawn_by")),
            "formats": list(FORMATS),
        },
    )


@login_required
@require_GET
def withdrawn_download(request, report_id: int, fmt: str):
    """A withdrawn version's document (`?versjon=`); without one, the list of versions."""
    report = access.get_report_in_service_or_404(request.user, report_id)
    if fmt not in FORMATS:
        raise Http404
    if "versjon" not in request.GET:
        return redirect("reports:withdrawn", report_id=report.pk)
    number = request.GET["versjon"]
    if not number.isdigit():
        raise Http404
    version = get_object_or_404(report.withdrawn_versions, pk=int(number))
    writer, content_type = FORMATS[fmt]
    data = writer(corrections.withdrawn_document(version))
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=report,
        service=report.service,
        summary=_("Lastet ned en tilbaketrukket versjon av tilstandsrapporten"),
        changes={"format": fmt, "withdrawn": version},
    )
    response = HttpResponse(data, content_type=content_type)
    name = (
        f"tilstandsrapport-{report.year}-{report.service.slug}-{report.municipality.number}"
        f"-trukket-{version.withdrawn_at:%Y%m%d}.{fmt}"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
