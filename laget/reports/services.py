"""Writes for status reports: permission, change, a new revision and an audit entry in one
transaction. Finalising freezes the figures; reopening a final report discards them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.core.audit import audit_guard_override, audit_record
from laget.core.models import AuditAction
from laget.reports import access
from laget.reports.checking import published_content, report_audit
from laget.reports.content import build_content
from laget.reports.content.context import figures_date
from laget.reports.document import Document, compose
from laget.reports.models import (
    ReportComment,
    ReportRevision,
    ReportTemplate,
    Status,
    StatusReport,
)

#: From each status, where the leader can take the report.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.COMMENTS, Status.FINAL),
    Status.COMMENTS: (Status.DRAFT, Status.FINAL),
    Status.FINAL: (Status.SENT, Status.DRAFT),
    Status.SENT: (),
}


def revision_add(report: StatusReport, actor, summary: str) -> ReportRevision:
    last = report.revisions.aggregate(n=Max("number"))["n"] or 0
    return ReportRevision.objects.create(
        report=report,
        number=last + 1,
        status=report.status,
        texts=dict(report.texts),
        summary=summary[:300],
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )


def current_revision(report: StatusReport) -> int:
    return report.revisions.aggregate(n=Max("number"))["n"] or 0


@transaction.atomic
def report_create(
    *, actor, service, municipality, year: int, comparisons: list[str], today: date
) -> StatusReport:
    if not access.can_create(actor, service):
        raise PermissionDenied(_("Bare tjenestens ledere kan lage tilstandsrapporten."))
    if not service.municipalities.filter(pk=municipality.pk).exists():
        raise ValidationError(_("Tjenesten betjener ikke denne kommunen."))
    if StatusReport.objects.filter(service=service, municipality=municipality, year=year).exists():
        raise ValidationError(_("Tjenesten har allerede en tilstandsrapport for dette året."))
    try:
        template = ReportTemplate.in_force(date(year, 1, 1) if year < today.year else today)
    except ReportTemplate.DoesNotExist as missing:
        raise ValidationError(str(missing)) from None
    starters = {s["key"]: s["starter"] for s in template.sections if s.get("starter")}
    report = StatusReport.objects.create(
        service=service,
        municipality=municipality,
        year=year,
        template=template,
        texts=starters,
        comparisons=comparisons,
        created_by=actor,
    )
    revision_add(report, actor, _("Opprettet"))
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=report,
        service=service,
        summary=_("Opprettet tilstandsrapport %(year)d"),
        values={"year": year},
        changes={"municipality": municipality},
    )
    return report


def _check_editable(actor, report: StatusReport) -> None:
    if not access.can_edit(actor, report):
        raise PermissionDenied(_("Bare tjenestens ledere kan endre tilstandsrapporten."))
    if not report.editable:
        raise ValidationError(_("Rapporten er ferdigstilt og kan ikke endres."))


@transaction.atomic
def section_save(
    *, actor, report: StatusReport, key: str, text: str, override_kinds: Sequence[str] = ()
) -> None:
    """Save one chapter's text; `report` is brought up to date with the stored texts.
    `override_kinds`: what the guard warned about and the writer confirmed past (logged)."""
    # read the row again under a lock: two leaders writing two chapters keep both
    fresh = StatusReport.objects.select_for_update().select_related("template").get(pk=report.pk)
    _check_editable(actor, fresh)
    section = fresh.template.section(key)
    if section is None:
        raise ValidationError(_("Ukjent seksjon."))
    if fresh.texts.get(key, "") != text:
        fresh.texts = {**fresh.texts, key: text}
        fresh.save(update_fields=["texts", "updated_at"])
        revision_add(
            fresh,
            actor,
            _("Endret %(section)s") % {"section": f"{section['number']} {section['title']}"},
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=fresh,
            service=fresh.service,
            summary=_("Endret teksten i et kapittel"),
            changes={"section": key},
        )
        audit_guard_override(actor=actor, obj=fresh, service=fresh.service, kinds=override_kinds)
    report.texts = fresh.texts


@transaction.atomic
def comparisons_save(*, actor, report: StatusReport, comparisons: list[str]) -> None:
    _check_editable(actor, report)
    report.comparisons = comparisons
    report.save(update_fields=["comparisons", "updated_at"])


@transaction.atomic
def comment_add(
    *,
    actor,
    report: StatusReport,
    key: str,
    title: str,
    text: str,
    override_kinds: Sequence[str] = (),
) -> ReportComment:
    if not access.can_comment(actor, report):
        raise PermissionDenied(_("Du kan ikke kommentere denne rapporten nå."))
    if report.template.section(key) is None:
        raise ValidationError(_("Ukjent seksjon."))
    comment = ReportComment.objects.create(
        report=report,
        section_key=key,
        author=actor,
        author_name=actor.get_full_name() or actor.get_username(),
        author_title=title,
        text=text,
        revision_number=current_revision(report),
    )
    audit_guard_override(actor=actor, obj=comment, service=report.service, kinds=override_kinds)
    return comment


@transaction.atomic
def comment_answer(
    *,
    actor,
    comment: ReportComment,
    text: str,
    now: datetime,
    override_kinds: Sequence[str] = (),
) -> ReportComment:
    """An answer in `comment`'s thread, by the service's leader (which settles the comment)
    or a reviewer, while the report is open."""
    report = comment.report
    leader = access.can_edit(actor, report)
    if not access.can_answer(actor, report):
        raise PermissionDenied(_("Du kan ikke svare på denne kommentaren nå."))
    root = comment.reply_to or comment
    answer = ReportComment.objects.create(
        report=report,
        reply_to=root,
        section_key=root.section_key,
        author=actor,
        author_name=actor.get_full_name() or actor.get_username(),
        author_title=_("leder") if leader else "",
        text=text,
        revision_number=current_revision(report),
    )
    audit_guard_override(actor=actor, obj=answer, service=report.service, kinds=override_kinds)
    if leader and root.handled_at is None:
        root.handled_at = now
        root.save(update_fields=["handled_at"])
    return answer


@transaction.atomic
def comment_handled(*, actor, comment: ReportComment, now: datetime) -> None:
    if not access.can_edit(actor, comment.report):
        raise PermissionDenied(_("Bare tjenestens ledere behandler kommentarer."))
    comment.handled_at = now
    comment.save(update_fields=["handled_at"])


def live_content(report: StatusReport, today: date) -> dict:
    return build_content(
        service=report.service,
        municipality=report.municipality,
        year=report.year,
        as_of=figures_date(report.year, today),
        sections=report.template.sections,
        comparisons=list(report.comparisons),
    )


@transaction.atomic
def status_change(
    *,
    actor,
    report: StatusReport,
    to: str,
    today: date,
    now: datetime,
    sent_on: date | None = None,
    council_reference: str = "",
    comments_due: date | None = None,
) -> None:
    """`comments_due`: the comment round's last day, asked for when the report is sent on one
    (today or later)."""
    if not access.can_edit(actor, report):
        raise PermissionDenied(_("Bare tjenestens ledere kan endre status."))
    report = StatusReport.objects.select_for_update().get(pk=report.pk)
    if to not in Status.values:
        raise ValidationError(_("Ukjent status."))
    if to not in TRANSITIONS[report.status]:
        raise ValidationError(
            _("Rapporten kan ikke gå fra «%(from)s» til «%(to)s».")
            % {"from": report.get_status_display(), "to": Status(to).label}
        )
    if to == Status.FINAL:
        report.snapshot = published_content(report, figures_date(report.year, today))
        report.finalised_at = now
    elif to == Status.DRAFT:
        report.snapshot = None
        report.finalised_at = None
        report.audit_checked_at, report.audit_failed, report.audit_finding = None, False, ""
    elif to == Status.COMMENTS:
        if comments_due is None or comments_due < today:
            raise ValidationError(_("Oppgi kommentarfristen: i dag eller en senere dato."))
        report.comments_due = comments_due
    elif to == Status.SENT:
        if sent_on is None:
            raise ValidationError(_("Oppgi datoen rapporten ble sendt kommunestyret."))
        report.sent_on = sent_on
        report.council_reference = council_reference
    previous = Status(report.status)
    report.status = to
    report.save()
    entry = audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=report,
        service=report.service,
        summary=_("Status: %(from)s → %(to)s"),
        values={"from": previous, "to": Status(to)},
    )
    revision_add(report, actor, entry.summary)
    if to == Status.FINAL:
        report_audit(report, now=now)  # a fresh report is checked once, with its siblings


def section_figures(report: StatusReport, key: str, *, today: date, now: datetime) -> Document:
    """One chapter's generated blocks, for the author to see while writing it (only those
    blocks are built)."""
    sections = [s for s in report.template.sections if s["key"] == key]
    content = build_content(
        service=report.service,
        municipality=report.municipality,
        year=report.year,
        as_of=figures_date(report.year, today),
        sections=sections,
        comparisons=list(report.comparisons),
    )
    return compose(
        template_sections=sections,
        content=content,
        texts={},
        status_label="",
        draft=True,
        created=now,
    )


def preview_document(
    *,
    service,
    municipality,
    year: int,
    comparisons: list[str],
    today: date,
    now: datetime,
    shared: dict | None = None,
) -> Document:
    """A report nobody has started yet: the template's starter texts and today's figures
    (for the command line and for batches)."""
    template = ReportTemplate.in_force(date(year, 1, 1) if year < today.year else today)
    content = build_content(
        service=service,
        municipality=municipality,
        year=year,
        as_of=figures_date(year, today),
        sections=template.sections,
        comparisons=comparisons,
        shared=shared,
    )
    return compose(
        template_sections=template.sections,
        content=content,
        texts={s["key"]: s["starter"] for s in template.sections if s.get("starter")},
        status_label=_("Ikke påbegynt – bare tallene"),
        draft=True,
        created=now,
    )


def report_document(report: StatusReport, *, today: date, now: datetime) -> Document:
    """The report as a document: from its frozen figures once final, else from today's."""
    content = report.snapshot if report.snapshot is not None else live_content(report, today)
    if report.frozen and report.finalised_at is not None:
        label = _("Endelig, ferdigstilt %(date)s") % {
            "date": timezone.localtime(report.finalised_at).strftime("%d.%m.%Y")
        }
        created = report.finalised_at
    else:
        label = _("%(status)s, versjon %(n)d – ikke endelig") % {
            "status": report.get_status_display(),
            "n": current_revision(report),
        }
        created = now
    document = compose(
        template_sections=report.template.sections,
        content=content,
        texts=report.texts,
        status_label=label,
        draft=not report.frozen,
        created=created,
    )
    replaced = replaced_line(report)
    if replaced:
        document.lines.insert(2, replaced)
    return document


def replaced_line(report: StatusReport) -> str | None:
    """The line every reader of a corrected report sees: which version it replaces."""
    if not report.frozen:
        return None
    last = report.withdrawn_versions.order_by("-withdrawn_at", "-pk").first()
    if last is None:
        return None
    return _("Rettet versjon, erstatter versjonen ferdigstilt %(date)s") % {
        "date": timezone.localtime(last.finalised_at).strftime("%d.%m.%Y")
    }
