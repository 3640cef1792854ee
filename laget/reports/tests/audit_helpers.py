"""A report like Trondheim's 2025 tilstandsrapport: «Vil oppfylle» rests on three persons, and
the table of paths to the requirement splits the same three."""

from __future__ import annotations

import copy
from datetime import date

from laget.domain.protection import audit, narrowest
from laget.domain.protection.view import Cell
from laget.reports.audit import view_from_json
from laget.reports.models import StatusReport
from laget.reports.tests.helpers import new_report, status
from tests.factories import EducationFactory, FurtherEducationFactory, staff, staff_with_register


def trondheim_case(world) -> StatusReport:
    """Service A: its 6 without education cannot meet the requirement, 20 meet it by the
    transition rule and 3 will meet it by the same path (further education under way);
    the report is finalised by the world's leader."""
    staff_with_register(world.service_a, 20)
    for employment in staff(world.service_a, 3):
        EducationFactory(person=employment.person)
        FurtherEducationFactory(
            person=employment.person, status="in_progress", ends_on=date(2027, 6, 30)
        )
    report = new_report(world.service_a, actor=world.user("leader"))
    status(world, report, "final")
    return report


def unit(report: StatusReport) -> str:
    return f"service:{report.service_id}|"


def show(report: StatusReport, key: str, value: float) -> None:
    """Tamper with the stored view: a hidden cell shown, with its true value (so the rest
    stays consistent), as a renderer that ignored the protection would have published it."""
    published = report.snapshot["published"]
    key = unit(report) + key
    published["hidden"].remove(key)
    published["primary"] = [k for k in published["primary"] if k != key]
    published["cells"][key] = [value, int(value)]
    StatusReport.objects.filter(pk=report.pk).update(snapshot=report.snapshot)


#: The case's figures as the register gives them (the stored view keeps no hidden value).
FIGURES = {
    "status.meets": 20,
    "status.cannot_meet": 6,
    "group.on_track": 23,
    "group.rest": 6,
    "group.cannot_or_at_risk": 6,
    "path.1.meets": 20,
    "role.core.meets": 20,
    "role.core.cannot_meet": 6,
    "timeline.2031-01-01": 23,
}


def a_partner_it_needs(report: StatusReport) -> tuple[str, int]:
    """A figure the protection hid only to keep a small one from being worked out, whose
    showing (with its true value) lets the attack pin that one down: whichever partners the
    protection chose (the greedy search and the optimal choice choose differently)."""
    stored = view_from_json(report.snapshot["published"])
    u = unit(report)
    for key, value in FIGURES.items():
        cell = u + key
        if cell not in stored.hidden or cell in stored.primary:
            continue
        view = copy.deepcopy(stored.view)
        view.cells[cell] = Cell(float(value), value)
        intervals = audit(view, stored.hidden - {cell}, only=stored.primary)
        if narrowest(intervals) < 1e-9:
            return key, value
    raise AssertionError("the protection hid no partner of the case's figures")
