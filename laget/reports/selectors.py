"""Reads for status reports (what a user may see of them: `laget.reports.access`)."""

from __future__ import annotations

from laget.organisations.models import Municipality, Service
from laget.reports.models import Status, StatusReport


def reports_unfinished(
    service: Service, year: int
) -> list[tuple[Municipality, StatusReport | None]]:
    """Each municipality the service serves whose tilstandsrapport about `year` is not
    finalised, with its draft (None: not started); by name, in two queries."""
    reports = {
        r.municipality_id: r for r in StatusReport.objects.filter(service=service, year=year)
    }
    return [
        (municipality, reports.get(municipality.pk))
        for municipality in service.municipalities.order_by("name")
        if municipality.pk not in reports
        or reports[municipality.pk].status not in (Status.FINAL, Status.SENT)
    ]
