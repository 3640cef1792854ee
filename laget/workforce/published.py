"""What users outside the services get of the workforce pages' head counts: the competence
publication's figures, protected as one whole with every other page's (the staff of every
service and group, and staff by role and by age band protected around them), so every page
shows and hides the same cells."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from laget.competence.publication import (
    age,
    competence_publication,
    staff_role,
    staff_role_group,
)
from laget.domain import role_groups
from laget.domain.role_groups import RoleGroup
from laget.domain.suppression import Figure
from laget.domain.workforce import AGE_BANDS
from laget.organisations.models import Service
from laget.people.models import RoleCategory
from laget.workforce.exits_published import exits_publication
from laget.workforce.flows import flows_publication
from laget.workforce.models import Destination, HireSource, WouldReturn

if TYPE_CHECKING:
    from laget.workforce.selectors import RoleRow, WorkforceOverview


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
    form = published.role_form(unit)
    overview.role_form = form
    overview.role_form_note = role_form_note(form)
    if form.groups is None:
        overview.by_role = [
            replace(
                row,
                headcount=headcount,
                fte=_hidden(row.fte) if headcount.suppressed else row.fte,
            )
            for row in overview.by_role
            if (headcount := tables.figure(unit, staff_role(row.role)))
        ]
    else:
        overview.by_role = [
            _merged_row(group, overview.by_role, tables.figure(unit, staff_role_group(group)))
            for group in form.groups
        ]
    overview.age_bands = {
        label: tables.figure(unit, age(index)) for index, label in enumerate(AGE_BANDS)
    }


def role_form_note(form: role_groups.RoleForm) -> str:
    """What a page says of a group's staff by role where they are not each role on its own."""
    if form.groups is None:
        return ""
    limits = {
        "fine": role_groups.BY_KEY["roles"].least,
        "groups": role_groups.BY_KEY["groups"].least,
    }
    if form.groups:
        return (
            _(
                "Etter rollekategori vises som tre rollegrupper (ledelse, kjerneoppgaver, andre "
                "roller): der færre enn %(fine)s er ansatt, slås rollene sammen, så hver gruppe "
                "oftere hviler på fem eller flere. Turnover vises bare for enkeltroller («–»)."
            )
            % limits
        )
    return (
        _(
            "Etter rollekategori vises ikke: der færre enn %(groups)s er ansatt, eller antallet "
            "ansatte er skjult, hviler rollene på for få personer."
        )
        % limits
    )


def _merged_row(group: RoleGroup, rows: list[RoleRow], headcount: Figure) -> RoleRow:
    """A group of roles as its form publishes it: the head count protected, the FTE with it;
    turnover and churn are published for single roles only («–» for a merged group)."""
    from laget.workforce.selectors import RoleRow  # here: the selectors import this module

    if len(group.roles) == 1:
        role = group.roles[0]
        found = next((row for row in rows if row.role == role), None)
        fte = found.fte if found is not None else Figure(0, 0, False)
    else:
        # the roles' FTE summed as the register has them (each role's alone may be hidden
        # with its small head count); shown with the group's head count, as a role's is
        parts = [row.fte for row in rows if row.role in group.roles]
        fte = Figure(sum(p.value or 0 for p in parts), sum(p.n for p in parts), False)
    not_published = Figure(None, 0, False)
    return RoleRow(
        group.roles[0] if len(group.roles) == 1 else f"group.{group.key}",
        group.label,
        headcount,
        _hidden(fte) if headcount.suppressed else fte,
        not_published,
        not_published,
    )


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
        if row.role in RoleCategory.values
        else row  # a merged group of roles: turnover is published per role
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
