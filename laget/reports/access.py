"""Who may see, edit and comment on a status report.

- The service's leaders edit; they and the service's HR see every report of the service.
- Municipal management sees its own municipality's reports (an inter-municipal service has
  one per member), drafts included, and comments while the report is open.
- Everyone else with access to the service's aggregates (county governor, national, other
  member municipalities) sees a report only once it has been sent to the council: it is a
  public document then. Nobody else sees a draft.
- A version withdrawn for a corrected one, and the small-number check's finding, stay inside
  the service: its leaders and HR. Everyone else reads only the current version.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from laget.accounts.access import access_for
from laget.accounts.models import Role, RoleAssignment
from laget.reports.models import Status, StatusReport


def _assignments(user, role: Role, field: str) -> list[int]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return [
        pk
        for pk in RoleAssignment.objects.filter(user=user, role=role).values_list(field, flat=True)
        if pk is not None
    ]


def reports_visible(user) -> QuerySet[StatusReport]:
    reports = StatusReport.objects.select_related("service", "municipality", "template")
    access = access_for(user)
    if not access.authenticated:
        return reports.none()
    if access.is_admin:
        return reports
    condition = Q(service__in=access.person_level_service_ids) | Q(
        municipality__in=_assignments(user, Role.MUNICIPAL, "municipality")
    )
    sent = Q(status=Status.SENT)
    if access.is_national:
        condition |= sent
    else:
        condition |= sent & Q(service__in=access.aggregate_service_ids)
    return reports.filter(condition)


def get_report_or_404(user, report_id: int) -> StatusReport:
    return get_object_or_404(reports_visible(user), pk=report_id)


def can_create(user, service) -> bool:
    return service.pk in _assignments(user, Role.LEADER, "service")


def can_edit(user, report: StatusReport) -> bool:
    return report.service_id in _assignments(user, Role.LEADER, "service")


def in_review(user, report: StatusReport) -> bool:
    """Those who see the report as it is written: the service's leaders and HR, the
    municipality's management, admins. They see the reviewers' comments; a reader of the sent
    report does not."""
    if access_for(user).is_admin:
        return True
    own_services = [
        *_assignments(user, Role.LEADER, "service"),
        *_assignments(user, Role.HR, "service"),
    ]
    own_municipalities = _assignments(user, Role.MUNICIPAL, "municipality")
    return report.service_id in own_services or report.municipality_id in own_municipalities


@dataclass(frozen=True)
class Reviewer:
    """Whose reports a user may comment on: the municipalities they manage and the services
    they are HR for (read once, for a list of reports)."""

    municipalities: frozenset[int]
    services: frozenset[int]

    def reviews(self, report: StatusReport) -> bool:
        return report.editable and (
            report.municipality_id in self.municipalities or report.service_id in self.services
        )


def reviewer(user) -> Reviewer:
    return Reviewer(
        frozenset(_assignments(user, Role.MUNICIPAL, "municipality")),
        frozenset(_assignments(user, Role.HR, "service")),
    )


def can_comment(user, report: StatusReport) -> bool:
    """Reviewers: the report's municipal management and the service's HR, while it is open."""
    return report.editable and reviewer(user).reviews(report)


def can_answer(user, report: StatusReport) -> bool:
    """An answer in a comment's thread: the service's leaders and the reviewers, while the
    report is open."""
    return report.editable and (can_edit(user, report) or can_comment(user, report))


def in_service(user, report: StatusReport) -> bool:
    """The service's leaders and HR (and admins): they see the small-number check's finding
    and the versions withdrawn from readers outside the service."""
    return service_insider(user, report.service_id)


def service_insider(user, service_id: int) -> bool:
    if access_for(user).is_admin:
        return True
    return service_id in [
        *_assignments(user, Role.LEADER, "service"),
        *_assignments(user, Role.HR, "service"),
    ]


def get_report_in_service_or_404(user, report_id: int) -> StatusReport:
    """A report whose withdrawn versions the user may open; for anyone else, as if the page
    did not exist."""
    report = get_report_or_404(user, report_id)
    if not in_service(user, report):
        raise Http404
    return report
