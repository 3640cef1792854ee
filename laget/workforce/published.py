"""What users outside the services get of the workforce pages' head counts: the competence
publication's staff figures (protected with every group total they are part of) and the staff
by role protected around them, the same cells as every other page shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from laget.competence.publication import competence_publication, protected_breakdown
from laget.domain.suppression import Figure
from laget.organisations.models import Service

if TYPE_CHECKING:
    from laget.workforce.selectors import RoleRow, WorkforceOverview


def published_headcounts(overview: WorkforceOverview, services: list[Service], today: date) -> None:
    """Head counts for users outside the services are the published staff figures (the
    competence publication protects them with every group total they are part of): a
    network's total minus its shown rows must not give a hidden service. FTE and tenure go
    with the head count."""
    published = competence_publication(today)
    staff = published.figure(published.unit_for(s.pk for s in services), "staff")
    overview.headcount = staff
    if staff.suppressed:
        overview.fte = Figure(overview.fte.value, overview.fte.n, True)
        overview.tenure = Figure(overview.tenure.value, overview.tenure.n, True)
    overview.by_role = protected_roles(overview.by_role, staff)


def protected_roles(rows: list[RoleRow], staff: Figure) -> list[RoleRow]:
    """The head count by role, protected with the total it adds up to («Alle 104» less the
    other rows must not give the leaders); a role's FTE goes with its head count."""
    cells = protected_breakdown({row.role: int(row.headcount.value or 0) for row in rows}, staff)
    return [
        replace(
            row,
            headcount=Figure(row.headcount.value, row.headcount.n, True),
            fte=Figure(row.fte.value, row.fte.n, True),
        )
        if cells[row.role].suppressed
        else row
        for row in rows
    ]
