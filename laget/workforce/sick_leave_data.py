"""Sick leave as stored, read for the overview: each service's months (a month delivered only
per unit is the sum of its units), several services side by side, and the reference values
an administrator has entered."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from laget.domain import sick_leave
from laget.organisations.models import Service
from laget.people.models import Employment
from laget.workforce.models import ReferenceScope, SickLeaveMonth, SickLeaveReference


@dataclass(frozen=True)
class SickLeaveRecord:
    by_service: dict[int, dict[date, sick_leave.SickLeave]]
    by_unit: dict[str, dict[date, sick_leave.SickLeave]]  # unit name -> months


def _month_end(month: date) -> date:
    return date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])


def register_headcounts(
    services: list[Service], months: set[tuple[int, str | None, date]]
) -> dict[tuple[int, str | None, date], int]:
    """Persons employed in each (service, unit or None for the whole service, month) as the
    register has them: what a sick-leave figure rests on can be no more than that. Counted in
    numpy per service (a person with two periods in a month counts once)."""
    wanted: dict[int, set[date]] = defaultdict(set)
    for service_id, _unit, month in months:
        wanted[service_id].add(month)
    periods: dict[int, list[tuple[str | None, int, int, int]]] = defaultdict(list)
    for service_id, unit_name, person_id, start, end in Employment.objects.filter(
        service__in=services
    ).values_list("service_id", "unit__name", "person_id", "start_date", "end_date"):
        periods[service_id].append(
            (unit_name, person_id, start.toordinal(), end.toordinal() if end else _OPEN)
        )
    counted: dict[tuple[int, str | None, date], int] = {}
    for service_id, month_set in wanted.items():
        if service_id in periods:
            counted |= _headcounts_of(service_id, sorted(month_set), periods[service_id])
    units_kept = {key[0] for key, n in counted.items() if key[1] is not None and n}
    return {
        # a service whose register keeps no units: its units rest on at most the service
        key: counted.get(key if key[0] in units_kept else (key[0], None, key[2]), 0)
        for key in months | {(service_id, None, month) for service_id, _u, month in months}
    }


_OPEN = date.max.toordinal()


def _headcounts_of(
    service_id: int, months: list[date], periods: list[tuple[str | None, int, int, int]]
) -> dict[tuple[int, str | None, date], int]:
    """One service's distinct persons per month, in the whole service and in each unit."""
    unit_names = sorted({unit for unit, *_rest in periods if unit is not None})
    unit_code = {name: i + 1 for i, name in enumerate(unit_names)}  # 0: no unit
    units = np.array(
        [unit_code[unit] if unit is not None else 0 for unit, *_rest in periods], dtype=np.int64
    )
    _persons, persons = np.unique(
        np.array([p for _u, p, _s, _e in periods], dtype=np.int64), return_inverse=True
    )
    starts = np.array([s for _u, _p, s, _e in periods], dtype=np.int64)
    ends = np.array([e for _u, _p, _s, e in periods], dtype=np.int64)
    firsts = np.array([m.toordinal() for m in months], dtype=np.int64)
    lasts = np.array([_month_end(m).toordinal() for m in months], dtype=np.int64)
    period, month = np.nonzero(
        (starts[:, None] <= lasts[None, :]) & (ends[:, None] >= firsts[None, :])
    )
    present = np.zeros((int(persons.max()) + 1 if len(persons) else 0, len(months)), bool)

    def distinct(chosen: np.ndarray) -> np.ndarray:
        """Distinct persons per month among the chosen (period, month) pairs."""
        present[:] = False
        present[persons[period[chosen]], month[chosen]] = True
        return present.sum(axis=0)

    whole = distinct(np.ones(len(period), dtype=bool))
    by_unit = {code: distinct(units[period] == code) for code in unit_code.values()}
    found: dict[tuple[int, str | None, date], int] = {
        (service_id, None, m): int(whole[i]) for i, m in enumerate(months)
    }
    for name, code in unit_code.items():
        for i, m in enumerate(months):
            found[(service_id, name, m)] = int(by_unit[code][i])
    return found


def sick_leave_by_service(services: list[Service]) -> SickLeaveRecord:
    """Each service's months, and each unit's. A service's own total is used when delivered; a
    month delivered only per unit is the sum of its units. The persons a month rests on, which
    decide what is hidden, are the register's for that month (service or unit): a file's own
    count is checked against it at import, never trusted (a file saying 50 for a service of 5
    would lift it over the threshold)."""
    rows = list(
        SickLeaveMonth.objects.filter(service__in=services).values_list(
            "service_id",
            "unit__name",
            "month",
            "agreed_days",
            "self_certified_days",
            "doctor_certified_days",
            "persons",
            "short_term_days",
            "long_term_days",
        )
    )
    register = register_headcounts(services, {(r[0], r[1], r[2]) for r in rows})
    totals: dict[tuple[int, date], sick_leave.SickLeave] = {}
    units: dict[tuple[int, date], list[sick_leave.SickLeave]] = defaultdict(list)
    by_unit: dict[str, dict[date, sick_leave.SickLeave]] = defaultdict(dict)
    for row in rows:
        service_id, unit_name, month, agreed, own, doctor, _persons, short, long = row
        figure = sick_leave.SickLeave(
            float(agreed),
            float(own),
            float(doctor),
            register[(service_id, unit_name, month)],
            None if short is None else float(short),
            None if long is None else float(long),
        )
        if unit_name is None:
            totals[(service_id, month)] = figure
        else:
            units[(service_id, month)].append(figure)
            by_unit[unit_name][month] = figure
    for key, figures in units.items():
        if key not in totals:
            summed = sick_leave.side_by_side(figures)
            totals[key] = replace(summed, persons=register[(key[0], None, key[1])])
    by_service: dict[int, dict[date, sick_leave.SickLeave]] = defaultdict(dict)
    for (service_id, month), figure in totals.items():
        by_service[service_id][month] = figure
    return SickLeaveRecord(by_service, by_unit)


def together(
    by_service: dict[int, dict[date, sick_leave.SickLeave]],
) -> dict[date, sick_leave.SickLeave]:
    by_month: dict[date, list[sick_leave.SickLeave]] = defaultdict(list)
    for months in by_service.values():
        for month, figure in months.items():
            by_month[month].append(figure)
    return {month: sick_leave.side_by_side(figures) for month, figures in by_month.items()}


def references_for(services: list[Service]) -> dict[tuple[str, int], float]:
    """Reference rates by (scope, year): the national ones, and the municipality's when the
    services are one municipality's (its host)."""
    municipalities = {s.host_municipality_id for s in services}
    references: dict[tuple[str, int], float] = {}
    for ref in SickLeaveReference.objects.all():
        if ref.scope == ReferenceScope.NATIONAL:
            references[("national", ref.year)] = float(ref.rate_percent) / 100
        elif len(municipalities) == 1 and ref.municipality_id in municipalities:
            references[("municipality", ref.year)] = float(ref.rate_percent) / 100
    return references


def share(sick: sick_leave.SickLeave | None, days: str) -> float | None:
    value = getattr(sick, days) if sick else None
    return value / sick.agreed_days if sick and value is not None and sick.agreed_days else None
