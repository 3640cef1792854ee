"""Reports for the tests: one per service, from the template the migration loads."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from laget.accounts.models import Role
from laget.reports import services
from laget.reports.models import StatusReport
from tests.factories import RoleAssignmentFactory, UserFactory

TODAY = date(2026, 11, 23)
NOW = timezone.make_aware(datetime(2026, 11, 23, 12, 0))


def leader_of(service):
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.LEADER, service=service)
    return user


def new_report(service, municipality=None, *, actor=None, comparisons=()) -> StatusReport:
    return services.report_create(
        actor=actor or leader_of(service),
        service=service,
        municipality=municipality or service.host_municipality,
        year=TODAY.year,
        comparisons=list(comparisons),
        today=TODAY,
    )


def document(report: StatusReport):
    return services.report_document(report, today=TODAY, now=NOW)


def status(world, report: StatusReport, to: str, **kwargs) -> None:
    """The world's leader takes the report to `to` (and the object is read again); a comment
    round for two weeks unless `comments_due` says otherwise."""
    if to == "comments":
        kwargs.setdefault("comments_due", TODAY + timedelta(days=14))
    services.status_change(
        actor=world.user("leader"), report=report, to=to, today=TODAY, now=NOW, **kwargs
    )
    report.refresh_from_db()
