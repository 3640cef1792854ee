"""A corrected version of a report that failed the small-number check: the published version
is withdrawn (kept for the record, for the service's leaders and HR only) and the report gets
figures rebuilt from the register at the same date, protected as a whole; it must be sent to
the council again."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.core.audit import audit_record
from laget.core.models import AuditAction
from laget.reports import access
from laget.reports.checking import PUBLISHED, published_content, report_audit
from laget.reports.content.context import figures_date
from laget.reports.document import Document, compose
from laget.reports.models import Status, StatusReport, WithdrawnReportVersion
from laget.reports.services import revision_add


def original_as_of(report: StatusReport) -> date:
    """The figures date of the published version: as stored, or for a snapshot without one,
    the date the report would have taken its figures on when it was finalised."""
    if report.figures_as_of is not None:
        return report.figures_as_of
    if report.finalised_at is None:
        raise ValidationError(_("Rapporten er ikke ferdigstilt."))
    return figures_date(report.year, timezone.localtime(report.finalised_at).date())


@transaction.atomic
def report_correct(*, actor, report: StatusReport, now: datetime) -> WithdrawnReportVersion:
    """Withdraw the published version and freeze a corrected one at the same figures date;
    the report is final again (not sent: it goes to the council anew) and audited at once."""
    if not access.can_edit(actor, report):
        raise PermissionDenied(_("Bare tjenestens ledere kan lage en rettet versjon."))
    report = StatusReport.objects.select_for_update().get(pk=report.pk)
    if report.status not in PUBLISHED or report.snapshot is None or report.finalised_at is None:
        raise ValidationError(_("Bare en ferdigstilt rapport kan få en rettet versjon."))
    if not report.audit_failed:
        raise ValidationError(
            _("Rapporten besto kontrollen av små tall, så det er ingenting å rette.")
        )
    as_of = original_as_of(report)
    withdrawn = WithdrawnReportVersion.objects.create(
        report=report,
        snapshot=report.snapshot,
        texts=dict(report.texts),
        finalised_at=report.finalised_at,
        sent_on=report.sent_on,
        council_reference=report.council_reference,
        withdrawn_at=now,
        withdrawn_by=actor,
        reason=report.audit_finding[:300],
    )
    previous = timezone.localtime(withdrawn.finalised_at).strftime("%d.%m.%Y")
    report.snapshot = published_content(report, as_of)
    report.finalised_at = now
    report.status = Status.FINAL
    report.sent_on = None
    report.council_reference = ""
    report.save()
    summary = _(
        "Rettet versjon med tallene per %(as_of)s; versjonen ferdigstilt %(date)s er trukket "
        "tilbake og må erstattes hos kommunestyret"
    ) % {"as_of": as_of.strftime("%d.%m.%Y"), "date": previous}
    revision_add(report, actor, summary)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=report,
        service=report.service,
        summary=_(
            "Rettet versjon av tilstandsrapporten; den ferdigstilte versjonen er trukket "
            "tilbake og må erstattes hos kommunestyret"
        ),
        changes={"as_of": as_of, "withdrawn": withdrawn, "finalised_at": withdrawn.finalised_at},
    )
    report_audit(report, now=now)
    return withdrawn


def withdrawn_document(version: WithdrawnReportVersion) -> Document:
    """A withdrawn version as it was published, marked as withdrawn."""
    report = version.report
    label = _("Trukket tilbake %(withdrawn)s (ferdigstilt %(finalised)s)") % {
        "withdrawn": timezone.localtime(version.withdrawn_at).strftime("%d.%m.%Y"),
        "finalised": timezone.localtime(version.finalised_at).strftime("%d.%m.%Y"),
    }
    document = compose(
        template_sections=report.template.sections,
        content=version.snapshot,
        texts=version.texts,
        status_label=label,
        draft=False,
        created=version.finalised_at,
    )
    document.lines.insert(
        2, _("Denne versjonen er erstattet av en rettet versjon og skal ikke brukes.")
    )
    return document
