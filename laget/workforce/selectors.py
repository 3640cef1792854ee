"""The workforce overview: turnover (both definitions), sick leave, early leavers, staff on
the day, recruitment and exit reasons, for one service or many together.

Every figure is a `Figure` carrying the persons it rests on. A service's own leaders and HR
see them all; everyone else sees a figure only when it rests on at least 5 persons.
A constant number of queries whatever the number of services or staff.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from laget.accounts import access
from laget.charts.workforce import applicants_per_vacancy, sick_leave_months, turnover_lines
from laget.competence.publication import competence_publication
from laget.domain import sick_leave
from laget.domain import workforce as metrics
from laget.domain.register import Register
from laget.domain.role_groups import RoleForm
from laget.domain.suppression import Figure
from laget.organisations.models import Service
from laget.organisations.selectors import set_name
from laget.people.models import RoleCategory
from laget.publication.published import published, stored
from laget.workforce.figures import Shown
from laget.workforce.flows import flows_publication
from laget.workforce.follow_up import ReasonRow, Recruitment, exits, recruitment_figures
from laget.workforce.models import Destination
from laget.workforce.published import published_exits, published_flows, published_headcounts
from laget.workforce.sick_leave_data import (
    references_for,
    share,
    sick_leave_by_service,
    together,
)
from laget.workforce.years import figure_definitions, reference_date, register_for, years_shown


@dataclass(frozen=True)
class YearRow:
    year: int
    turnover: Figure
    at_start: Figure
    leavers: Figure
    churn: Figure
    hires: Figure
    separations: Figure
    early_12: Figure
    early_24: Figure
    sick_leave: Figure
    sick_self: Figure
    sick_doctor: Figure
    sick_short: Figure  # short-term (1–16 days) lost days over agreed, when delivered
    sick_long: Figure
    reference_municipality: float | None
    reference_national: float | None


@dataclass(frozen=True)
class RoleRow:
    role: str
    label: str
    headcount: Figure
    fte: Figure
    turnover: Figure
    churn: Figure


@dataclass(frozen=True)
class ServiceRow:
    service: Service
    headcount: Figure
    turnover: Figure
    churn: Figure
    sick_leave: Figure


@dataclass
class WorkforceOverview:
    services: list[Service]
    open_view: bool
    today: date
    years: list[int]
    rows: list[YearRow]
    headcount: Figure
    fte: Figure
    tenure: Figure
    age_bands: dict[str, Figure]
    by_role: list[RoleRow]
    sick_quarters: list[tuple[str, Figure]]
    sick_units: list[tuple[str, Figure]]  # the last year, per unit, where delivered per unit
    reasons: list[ReasonRow]
    interviews_by_year: list[Figure]
    destinations: dict[str, Figure]
    would_return: dict[str, Figure]
    recruitment: Recruitment
    charts: dict[str, dict[str, Any]] = field(default_factory=dict)
    service_rows: list[ServiceRow] = field(default_factory=list)
    definitions: dict[str, str] = field(default_factory=lambda: figure_definitions())
    #: how the staff by role reach a user outside the services (`laget.domain.role_groups`);
    #: None: each role on its own, as the service's own pages show them
    role_form: RoleForm | None = None
    #: what the page says of that form, where it is not each role on its own
    role_form_note: str = ""

    @property
    def to_other_service(self) -> Figure | None:
        """Leavers whose exit interview says they went to another child-welfare service, as
        published to this viewer; None when no interview says where anyone went."""
        return self.destinations.get(str(Destination.OTHER_CHILD_WELFARE.label))


def workforce_overview(
    *, user, services: list[Service], today: date, per_service: bool = False
) -> WorkforceOverview:
    """The overview for the services together; with `per_service`, also one row per service
    (each suppressed on its own), from the same register and the same queries.

    A user with person access to none of the services gets the overview every such user gets,
    built once per register revision off the request path and stored (`laget.publication`): a page
    for the nation must not read the nation's register."""
    person_access = {s.pk: access.has_person_access(user, s) for s in services}
    if services and not any(person_access.values()):
        return outside_overview(services, today, per_service=per_service)
    return _overview(services, today, per_service=per_service, person_access=person_access)


def outside_overview(
    services: list[Service], today: date, *, per_service: bool = False
) -> WorkforceOverview:
    """The overview of `services` for users outside them, as the worker stored it per set of
    services (its rows by name, as every page lists them); never built here."""
    services = sorted(services, key=lambda s: (s.name, s.pk))
    if not per_service:
        # the worker stores the sets users open most with a row per service: the same
        # figures, with rows besides (a report's comparisons ask for these sets without)
        fuller = stored(outside_name(services, True), today)
        if fuller is not None:
            return dataclasses.replace(fuller, service_rows=[])
    key = {"services": [s.pk for s in services], "per_service": per_service}
    return published(outside_name(services, per_service), today, key=key)


def outside_name(services: list[Service], per_service: bool) -> str:
    return f"{set_name('workforce', services)}:{int(per_service)}"


def outside_overview_build(
    services: list[Service], *, per_service: bool
) -> Callable[[date], WorkforceOverview]:
    """What the worker builds the overview of `services` for users outside them with."""
    services = sorted(services, key=lambda s: (s.name, s.pk))
    return functools.partial(_overview, services, per_service=per_service, person_access={})


def _overview(
    services: list[Service], today: date, *, per_service: bool, person_access: dict[int, bool]
) -> WorkforceOverview:
    open_view = bool(services) and all(person_access.get(s.pk, False) for s in services)
    shown = Shown(open_view)
    years = years_shown(today)
    month, day = reference_date()
    # the first year's figures need who was employed on the reference date the year before
    since = min(date(years[0] - 1, month, day), date(years[0] - 1, 12, 31))
    register = register_for(services, since=since, today=today)
    by_year_turnover = metrics.turnover_ks_years(
        register, years, reference_month=month, reference_day=day
    )
    sick_record = sick_leave_by_service(services)
    sick_by_service = sick_record.by_service
    months = together(sick_by_service)
    sick_years = sick_leave.sick_leave_by(months, "year")
    references = references_for(services)
    rows = []
    for year in years:
        turnover = metrics.total(by_year_turnover[year].values()) or metrics.Turnover(0, 0)
        first, last = metrics.calendar_year(year)
        churn_by_service = metrics.churn_between(register, first, last)
        churn = metrics.total(churn_by_service.values()) or metrics.Churn(0, 0, 0, 0)
        early = metrics.total(
            metrics.early_leavers_between(register, first, last, today).values()
        ) or metrics.EarlyLeavers(0, 0, 0, 0, 0)
        sick = sick_years.get(str(year))
        sick_n = sick.persons if sick else 0
        rows.append(
            YearRow(
                year=year,
                turnover=shown.share(turnover.leavers, turnover.at_start),
                at_start=shown(turnover.at_start, turnover.at_start),
                leavers=shown.count(turnover.leavers, turnover.at_start),
                churn=_churn(shown, churn),
                hires=shown.count(churn.hires, churn.n),
                separations=shown.count(churn.separations, churn.n),
                early_12=shown.share(early.left_12, early.observed_12),
                early_24=shown.share(early.left_24, early.observed_24),
                sick_leave=shown(sick.rate if sick else None, sick_n),
                sick_self=shown(sick.self_certified_rate if sick else None, sick_n),
                sick_doctor=shown(sick.doctor_certified_rate if sick else None, sick_n),
                sick_short=shown(share(sick, "short_term_days"), sick_n),
                sick_long=shown(share(sick, "long_term_days"), sick_n),
                reference_municipality=references.get(("municipality", year)),
                reference_national=references.get(("national", year)),
            )
        )
    snap_by_service = metrics.snapshot(register, today)
    snap = metrics.total(snap_by_service.values()) or metrics.Snapshot(
        0, 0.0, 0.0, (0,) * len(metrics.AGE_BANDS)
    )
    overview = WorkforceOverview(
        services=services,
        open_view=open_view,
        today=today,
        years=years,
        rows=rows,
        headcount=shown(snap.headcount, snap.headcount),
        fte=shown(snap.fte, snap.headcount),
        tenure=shown(snap.tenure_years, snap.headcount),
        age_bands=shown.breakdown(dict(zip(metrics.AGE_BANDS, snap.age_bands, strict=True))),
        by_role=_by_role(register, years[-1], today, shown),
        sick_units=[
            (name, shown(figure.rate, figure.persons))
            for name, unit_months in sorted(sick_record.by_unit.items())
            if (figure := sick_leave.sick_leave_by(unit_months, "year").get(str(years[-1])))
        ],
        sick_quarters=[
            (label, shown(figure.rate, figure.persons))
            for label, figure in sick_leave.sick_leave_by(months, "quarter").items()
            if int(label[:4]) >= years[0]
        ],
        **exits(services, years, shown),
        recruitment=recruitment_figures(services, years, today, shown),
    )
    if not open_view and services:
        published_headcounts(overview, services, today)
        published_flows(overview, services, today)
        published_exits(overview, services, today)
    overview.charts = _charts(overview, months, references)
    if per_service:
        overview.service_rows = _service_rows(
            person_access,
            today,
            services,
            by_year_turnover[years[-1]],
            churn_by_service,  # the last year's, from the loop above
            snap_by_service,
            {
                service_id: sick_leave.sick_leave_by(months, "year").get(str(years[-1]))
                for service_id, months in sick_by_service.items()
            },
        )
    return overview


def _by_role(register: Register, year: int, today: date, shown: Shown) -> list[RoleRow]:
    grouping = register.by_group_and_role
    month, day = reference_date()
    turnover = metrics.turnover_ks_years(
        register, [year], grouping, reference_month=month, reference_day=day
    )[year]
    churn = metrics.churn_between(register, *metrics.calendar_year(year), grouping)
    snap = metrics.snapshot(register, today, grouping)
    rows = []
    for role, label in RoleCategory.choices:
        keys = [key for key in grouping.keys if key[1] == role]
        t = metrics.total(turnover[k] for k in keys) or metrics.Turnover(0, 0)
        c = metrics.total(churn[k] for k in keys) or metrics.Churn(0, 0, 0, 0)
        s = metrics.total(snap[k] for k in keys)
        headcount = s.headcount if s else 0
        if not (headcount or t.at_start or c.n):
            continue
        rows.append(
            RoleRow(
                role,
                str(label),
                shown(headcount, headcount),
                shown(s.fte if s else 0, headcount),
                shown.share(t.leavers, t.at_start),
                _churn(shown, c),
            )
        )
    return rows


def _charts(
    overview: WorkforceOverview,
    months: dict[date, sick_leave.SickLeave],
    references: dict[tuple[str, int], float],
) -> dict[str, dict[str, Any]]:
    charts: dict[str, dict[str, Any]] = {
        "turnover": turnover_lines([(r.year, r.turnover.shown) for r in overview.rows])
    }
    first = date(overview.years[0], 1, 1)
    shown_months = {m: f for m, f in months.items() if m >= first}
    if shown_months:
        rolling = sick_leave.rolling_twelve_months(months)
        shown = overview.open_view or all(f.persons >= 5 for f in shown_months.values())
        if shown:
            charts["sick_leave"] = sick_leave_months(
                [(m, f.rate, rolling.get(m)) for m, f in sorted(shown_months.items())],
                references={k: v for k, v in references.items() if k[1] >= overview.years[0]},
            )
    if overview.recruitment.vacancies:
        charts["applicants"] = applicants_per_vacancy(
            [
                (v.advertised_on, v.title, v.applicants, v.qualified_applicants)
                for v in overview.recruitment.vacancies
                if v.applicants is not None
            ]
        )
    return charts


def _churn(shown: Shown, churn: metrics.Churn) -> Figure:
    """SSB's churn gives hires and separations back with the head counts; hidden with them."""
    figure = shown(churn.rate, churn.n)
    if shown.open_view:
        return figure
    hidden = (
        figure.suppressed
        or shown.count(churn.hires, churn.n).suppressed
        or shown.count(churn.separations, churn.n).suppressed
    )
    return Figure(figure.value, figure.n, hidden)


def _service_rows(
    person_access: dict[int, bool],
    today: date,
    services: list[Service],
    turnover: dict,
    churn: dict,
    snap: dict,
    sick: dict[int, sick_leave.SickLeave | None],
) -> list[ServiceRow]:
    """One row per service for the last complete year; head counts as published."""
    published = competence_publication(today)
    flows = flows_publication(today)
    last = years_shown(today)[-1]
    rows = []
    for service in services:
        shown = Shown(person_access.get(service.pk, False))
        t = turnover.get(service.pk, metrics.Turnover(0, 0))
        c = churn.get(service.pk, metrics.Churn(0, 0, 0, 0))
        headcount = snap[service.pk].headcount if service.pk in snap else 0
        year_sick = sick.get(service.pk)
        rows.append(
            ServiceRow(
                service,
                shown(headcount, headcount)
                if shown.open_view
                else published.figure(published.unit_for([service.pk]), "staff"),
                shown.share(t.leavers, t.at_start)
                if shown.open_view
                else flows.figure([service], last, "turnover"),
                _churn(shown, c)
                if shown.open_view
                else flows.churn([service], last, shown(c.rate, c.n)),
                shown(year_sick.rate if year_sick else None, year_sick.persons if year_sick else 0),
            )
        )
    return rows
