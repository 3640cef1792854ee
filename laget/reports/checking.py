"""The small-number check of reports already finalised: what a report published is stored
with it at finalisation, and the reports about the same people at the same date are audited
together (`laget.reports.audit`); the outcome is stored on each report for its leaders."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from laget.competence.profiles import covered_roles
from laget.competence.publication import service_unit
from laget.domain.protection import recording
from laget.reports.audit import Outcome, audit_published, published_view
from laget.reports.content import build_content
from laget.reports.models import Status, StatusReport

#: The reports that have left the service, or are about to: their figures are frozen.
PUBLISHED = (Status.FINAL, Status.SENT)


def published_content(report: StatusReport, as_of: date) -> dict:
    """The report's content for `as_of`, with what it published as data (`published`): the
    protected views its figures were read from, recorded while it is built."""
    with recording() as ledger:
        content = build_content(
            service=report.service,
            municipality=report.municipality,
            year=report.year,
            as_of=as_of,
            sections=report.template.sections,
            comparisons=list(report.comparisons),
        )
    content["published"] = published_view(
        ledger.read.values(),
        service_unit(report.service_id),
        covered=covered_roles(report.service, as_of),
    )
    return content


@dataclass(frozen=True)
class Checked:
    report: StatusReport
    outcome: Outcome


def _audit_group(reports: list[StatusReport], now: datetime) -> list[Checked]:
    # a report stored before the coverage was kept with it said it all the same
    outcomes = audit_published(
        [(r.snapshot or {}).get("published") for r in reports],
        covered=[
            covered_roles(r.service, r.figures_as_of) if r.figures_as_of else None for r in reports
        ],
    )
    for report, outcome in zip(reports, outcomes, strict=True):
        report.audit_checked_at = now
        report.audit_failed = outcome.failed
        report.audit_finding = outcome.finding[:300]
        StatusReport.objects.filter(pk=report.pk).update(
            audit_checked_at=now, audit_failed=outcome.failed, audit_finding=outcome.finding[:300]
        )
    return [Checked(r, o) for r, o in zip(reports, outcomes, strict=True)]


def report_audit(report: StatusReport, *, now: datetime) -> Outcome:
    """Audit `report` with the other published reports of its service and figures date (they
    are checked again too: a new report can give away what another hides). One service's
    figures: a few small linear programmes."""
    group = [
        r
        for r in StatusReport.objects.filter(
            service_id=report.service_id, status__in=PUBLISHED
        ).order_by("pk")
        if r.figures_as_of == report.figures_as_of
    ]
    checked = _audit_group(group, now)
    return next(c.outcome for c in checked if c.report.pk == report.pk)


def audit_reports(*, now: datetime) -> list[Checked]:
    """Every finalised or sent report, audited with the others about the same people at the
    same date (a finalised report never changes, so the check holds until it is corrected)."""
    groups: dict[tuple, list[StatusReport]] = defaultdict(list)
    reports = (
        StatusReport.objects.filter(status__in=PUBLISHED)
        .select_related("service", "municipality")
        .order_by("service__name", "year", "municipality__name", "pk")
    )
    for report in reports:
        groups[(report.service_id, report.figures_as_of)].append(report)
    return [checked for group in groups.values() for checked in _audit_group(group, now)]
