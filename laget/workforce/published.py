"""What users outside the services get of the workforce pages' head counts: the competence
publication's figures, protected as one whole with every other page's (the staff of every
service and group, and staff by role and by age band protected around them), so every page
shows and hides the same cells."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from laget.competence.publication import age, competence_publication, staff_role
from laget.domain.suppression import Figure
from laget.domain.workforce import AGE_BANDS
from laget.organisations.models import Service
from laget.workforce.exits_published import exits_publication
from laget.workforce.flows import flows_publication
from laget.workforce.models import Destination, HireSource, WouldReturn

if TYPE_CHECKING:
    from laget.workforce.selectors import WorkforceOverview


def published_headcounts(overview: WorkforceOverview, services: list[Service], today: date) -> None:
    """Head counts for users outside the services are the published staff figures: a
    network's total minus its shown rows must not give a hidden service, nor «Alle 104» less
    the other roles the leaders. FTE and tenure go with the head count, a role's FTE with its
    head count."""
    published = competence_publication(today)
    ids = [s.pk for s in services]
    unit = published.unit_for(ids)
    staff = published.figure(unit, "staff")
    overview.headcount = staff
    if staff.suppressed:
        overview.fte = _hidden(overview.fte, staff.computed)
        overview.tenure = _hidden(overview.tenure, staff.computed)
    tables = published.staff_tables(ids)
    overview.by_role = [
        replace(
            row,
            headcount=headcount,
            fte=_hidden(row.fte) if headcount.suppressed else row.fte,
        )
        for row in overview.by_role
        if (headcount := tables.figure(unit, staff_role(row.role)))
    ]
    overview.age_bands = {
        label: tables.figure(unit, age(index)) for index, label in enumerate(AGE_BANDS)
    }


def _hidden(figure: Figure, computed: bool = True) -> Figure:
    return Figure(figure.value, figure.n, True, computed=computed)


def published_flows(overview: WorkforceOverview, services: list[Service], today: date) -> None:
    """Turnover, leavers, hires and separations for users outside the services, as the flows
    publication protects them with every service and group they are part of."""
    flows = flows_publication(today)
    for index, row in enumerate(overview.rows):
        year = row.year
        overview.rows[index] = replace(
            row,
            turnover=flows.figure(services, year, "turnover"),
            at_start=flows.figure(services, year, "at_start"),
            leavers=flows.figure(services, year, "leavers"),
            hires=flows.figure(services, year, "hires"),
            separations=flows.figure(services, year, "separations"),
            churn=flows.churn(services, year, row.churn),
        )
    experience = {label: years for label, _hires, years in overview.recruitment.hires_by_source}
    hires_by_source = []
    for value, label in HireSource.choices:
        hires = flows.recruited(services, value)
        years = experience.get(str(label), Figure(None, 0, False))
        hires_by_source.append((str(label), hires, _hidden(years) if hires.suppressed else years))
    overview.recruitment = replace(overview.recruitment, hires_by_source=hires_by_source)
    last = overview.years[-1]
    overview.by_role = [
        replace(row, turnover=flows.figure(services, last, "turnover", row.role))
        for row in overview.by_role
    ]


def published_exits(overview: WorkforceOverview, services: list[Service], today: date) -> None:
    """Exit interviews for users outside the services, as the exits publication protects
    them: interviews per year, and over the five years the reasons, destinations and
    answers (per year the reasons are not published: «–»)."""
    exits = exits_publication(today)
    overview.interviews_by_year = [
        exits.figure(services, f"interviews.{year}") for year in overview.years
    ]
    not_published = Figure(None, 0, False)
    overview.reasons = sorted(
        (
            replace(
                row,
                by_year=[not_published for _year in overview.years],
                total=exits.figure(services, f"reason.{row.reason}.share"),
            )
            for row in overview.reasons
        ),
        key=lambda row: -(row.total.shown or 0),
    )
    if overview.destinations:
        overview.destinations = {
            str(label): exits.figure(services, f"destination.{value}")
            for value, label in Destination.choices
        }
        overview.would_return = {
            str(label): exits.figure(services, f"return.{value}")
            for value, label in WouldReturn.choices
        }
