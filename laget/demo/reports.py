"""Demo data for the status report: local units in an inter-municipal service (so a member
municipality's report has figures of its own), and last year's Trondheim report, finalised and
sent to the council, for the county governor and the municipality to read."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

from laget.organisations.models import Service, ServiceUnit
from laget.people.models import Employment, RoleCategory
from laget.publication.refresh import figures_ready
from laget.reports import services as reports
from laget.reports.content.context import figures_date
from laget.reports.models import StatusReport

#: The service whose staff work in one team per member municipality (made up for the demo).
LOCAL_TEAMS = "vaernesregionen"

LAST_YEARS_TEXTS = {
    "sammendrag": (
        "Tjenesten har hatt et år med lavere turnover enn året før, men sykefraværet er "
        "fortsatt høyt. Under halvparten av de ansatte oppfyller kompetansekravet i dag, og "
        "tjenesten trenger flere plasser på videreutdanning for å nå kravet innen 2031.\n\n"
        "- Kompetanseplanen prioriterer dem som ikke kan nå kravet uten videreutdanning\n"
        "- Alle nyansatte får fadder og en veiledningsplan fra første dag\n"
        "- Tjenesten ber kommunestyret om midler til vikar mens ansatte studerer"
    ),
    "utfordringer": (
        "Den største utfordringen er å beholde erfarne saksbehandlere. Sluttsamtalene peker "
        "på arbeidsmengde og lønn."
    ),
    "prioriteringer": (
        "- Videreutdanning for ti ansatte i 2026\n- Lederforankret veiledning i alle team"
    ),
}


def clear(slugs: list[str]) -> None:
    """The reports, and the local teams (they would change which unit the staff draw)."""
    StatusReport.objects.filter(service__slug__in=slugs).delete()
    ServiceUnit.objects.filter(service__slug=LOCAL_TEAMS, municipality__isnull=False).delete()


def local_units_create(services: dict[str, Service], seed: int) -> None:
    """One team per member municipality in Værnesregionen; the staff (not the leaders) spread
    over them with a generator of their own, so the rest of the demo stays as it was."""
    service = services[LOCAL_TEAMS]
    rng = random.Random(seed + 7)  # noqa: S311 - synthetic demo data
    units = [
        ServiceUnit.objects.update_or_create(
            service=service, name=f"Team {m.name}", defaults={"municipality": m}
        )[0]
        for m in service.municipalities.order_by("name")
    ]
    weights = [3 if unit.municipality_id == service.host_municipality_id else 1 for unit in units]
    for employment in Employment.objects.filter(service=service).exclude(
        role_category=RoleCategory.LEADER
    ):
        employment.unit = rng.choices(units, weights=weights)[0]
        employment.save(update_fields=["unit"])


def last_years_report_create(service: Service, leader, today: date) -> StatusReport:
    report = reports.report_create(
        actor=leader,
        service=service,
        municipality=service.host_municipality,
        year=today.year - 1,
        comparisons=["county", "national"],
        today=today,
    )
    for key, text in LAST_YEARS_TEXTS.items():
        reports.section_save(actor=leader, report=report, key=key, text=text)
    finalised = datetime(today.year, 2, 10, 9, tzinfo=UTC)
    # finalising freezes the stored figures of the report's date: the demo, a command,
    # computes them in its own main thread (the worker would, were it asked)
    figures_ready(figures_date(report.year, today), lambda line: None)
    reports.status_change(actor=leader, report=report, to="final", today=today, now=finalised)
    reports.status_change(
        actor=leader,
        report=report,
        to="sent",
        today=today,
        now=finalised,
        sent_on=date(today.year, 2, 28),
        council_reference=f"{today.year % 100}/0421",
    )
    return report
