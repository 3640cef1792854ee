"""Filling the stored counts: every service's figures for one date, computed from the register
in one pass over the nation (the engine and the register read as arrays), written as rows.

One function per property returns `{service id: Counter(subgroup -> count)}`; `counts_fill`
writes them for a date and records the fill state. The publications (`laget.competence.
publication`, `laget.workforce.flows`, `laget.workforce.exits_published`) are built from
these rows only.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import numpy as np
from django.db import connection, transaction

from laget.core.models import RegisterRevision
from laget.counts.models import FillState, ServiceCount

Counts = dict[int, Counter[str]]


FILLERS: dict[str, Callable[[date], Counts]] = {}


def filler(name: str) -> Callable[[Callable[[date], Counts]], Callable[[date], Counts]]:
    def register(function: Callable[[date], Counts]) -> Callable[[date], Counts]:
        FILLERS[name] = function
        return function

    return register


@filler("competence")
def competence_counts(as_of: date) -> Counts:
    """Every service's staff by status against the requirement, by role, path and age band,
    and the timeline (who will meet it by each year-end if plans hold)."""
    from laget.competence import publication as p
    from laget.competence.selectors import _evaluate, timeline_dates
    from laget.domain.competence import Status
    from laget.organisations.models import Service

    services = list(Service.objects.order_by("pk"))
    evaluated = _evaluate(services, as_of)  # arrays only: no person is loaded as an object
    rules, result, keys = evaluated.rules, evaluated.result, evaluated.keys
    counts: Counts = {s.pk: Counter() for s in services}
    statuses = [Status(v) for v in range(len(Status))]
    for service_id, role_category, birth_year, value, path_index, in_place in zip(
        keys.service_id.tolist(),
        keys.role_category.tolist(),
        keys.birth_year.tolist(),
        result.status.tolist(),
        result.path_index.tolist(),
        result.education_in_place.tolist(),
        strict=True,
    ):
        person_status = statuses[value]
        c = counts[service_id]
        c["staff"] += 1
        c[p.staff_role(role_category)] += 1
        c[p.age(p.age_band(birth_year, as_of))] += 1
        if person_status is Status.NOT_SUBJECT:
            c["not_subject"] += 1
            c[p.not_subject_role(role_category)] += 1
            continue
        c["subject"] += 1
        c[p.EDUCATION_IN_PLACE if in_place else p.EDUCATION_MISSING] += 1
        c[p.status(person_status)] += 1
        c[p.role(role_category, person_status)] += 1
        if person_status in (Status.MEETS, Status.WILL_MEET):
            c[p.path(path_index, person_status)] += 1
    # the timeline per service in array arithmetic: who meets it by each year-end
    order = [s.pk for s in services]
    position = np.searchsorted(order, keys.service_id)
    for day in timeline_dates(as_of, rules.deadline):
        meeting = np.bincount(
            position[result.met_on <= day.toordinal()], minlength=len(order)
        ).tolist()
        for service_id, value in zip(order, meeting, strict=True):
            if value:
                counts[service_id][p.timeline(day)] = value
    return counts


@filler("flows")
def flows_counts(today: date) -> Counts:
    """Every service's flows for the years shown: those employed on the reference date, the
    leavers among them and the stayers, hires and separations; the last year also by role;
    and those hired into its vacancies by where they came from."""
    from laget.domain import workforce as metrics
    from laget.organisations.models import Service
    from laget.workforce.flows import COUNTS
    from laget.workforce.models import Hire
    from laget.workforce.selectors import reference_date, register_for, years_shown

    services = list(Service.objects.order_by("pk"))
    years = years_shown(today)
    month, day = reference_date()
    register = register_for(
        services, since=min(date(years[0] - 1, month, day), date(years[0] - 1, 12, 31)), today=today
    )
    turnover = metrics.turnover_ks_years(register, years, reference_month=month, reference_day=day)
    by_role = metrics.turnover_ks_years(
        register, [years[-1]], register.by_group_and_role, reference_month=month, reference_day=day
    )[years[-1]]
    counts: Counts = {s.pk: Counter() for s in services}
    for year in years:
        churn = metrics.churn_between(register, *metrics.calendar_year(year))
        for service_id, c in counts.items():
            t = turnover[year].get(service_id, metrics.Turnover(0, 0))
            ch = churn.get(service_id, metrics.Churn(0, 0, 0, 0))
            values = (t.at_start, t.leavers, t.at_start - t.leavers, ch.hires, ch.separations)
            for metric, value in zip(COUNTS, values, strict=True):
                c[f"{year}.{metric}"] = value
    for (service_id, role), t in by_role.items():
        c = counts[service_id]
        c[f"{years[-1]}.role.{role}.at_start"] = t.at_start
        c[f"{years[-1]}.role.{role}.leavers"] = t.leavers
        c[f"{years[-1]}.role.{role}.stayers"] = t.at_start - t.leavers
    for service_id, source in Hire.objects.filter(
        vacancy__advertised_on__year__gte=years[0]
    ).values_list("vacancy__service_id", "source"):
        counts[service_id][f"recruited.{source}"] += 1
    return counts


@filler("exits")
def exits_counts(today: date) -> Counts:
    """Every service's exit interviews in the years shown: per year, and over the years each
    reason rated important, each destination and each answer to «would you come back»."""
    from laget.workforce.models import IMPORTANT, ExitInterview, ExitReasonRating
    from laget.workforce.selectors import years_shown

    years = years_shown(today)
    counts: Counts = {}
    service_of = {}
    for pk, service_id, held_on, destination, would_return in ExitInterview.objects.filter(
        held_on__year__in=years
    ).values_list("pk", "employment__service_id", "held_on", "destination", "would_return"):
        c = counts.setdefault(service_id, Counter())
        c[f"interviews.{held_on.year}"] += 1
        c["interviews"] += 1
        c[f"destination.{destination}"] += 1
        c[f"return.{would_return}"] += 1
        service_of[pk] = service_id
    for interview_id, reason in ExitReasonRating.objects.filter(
        interview__held_on__year__in=years, importance__in=IMPORTANT
    ).values_list("interview_id", "reason"):
        counts[service_of[interview_id]][f"reason.{reason}"] += 1
    return counts


#: whether this process is reading inside a snapshot now (nothing may be written then)
_reading = {"now": False}


def in_snapshot() -> bool:
    return _reading["now"]


@contextmanager
def snapshot() -> Iterator[None]:
    """Read inside as of one moment, blocking no writer; write nothing inside it.

    PostgreSQL: a REPEATABLE READ transaction. SQLite in WAL mode: a deferred read transaction
    (`BEGIN DEFERRED`, by hand: the settings make Django's own transactions `IMMEDIATE`, which
    would hold the write lock, and so every write of the web process, for the whole read).
    Inside an outer transaction (a test, the demo's load) the outer one decides."""
    if connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            _reading["now"] = True
            try:
                yield
            finally:
                _reading["now"] = False
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    _reading["now"] = True
    try:
        yield
    finally:
        _reading["now"] = False
        with connection.cursor() as cursor:
            cursor.execute("COMMIT")  # read only: nothing to keep or lose


def counts_fill(property_name: str, day: date) -> int:
    """Count `property_name` for every service on `day` and store the rows (replacing that
    date's), recording the fill state with the register revision read in the same snapshot
    as the data (so a fill is never complete for data it did not see); returns it."""
    started = time.perf_counter()
    with snapshot():
        revision = RegisterRevision.current()
        counts = FILLERS[property_name](day)
        rule_set = _rule_set_version(day) if property_name == "competence" else ""
    rows = [
        ServiceCount(
            service_id=service_id,
            property=property_name,
            subgroup=subgroup,
            end_time=day,
            value=value,
            persons=value,
            rule_set=rule_set,
        )
        for service_id, counter in counts.items()
        for subgroup, value in counter.items()
        if value
    ]
    with transaction.atomic():
        ServiceCount.objects.filter(property=property_name, end_time=day).delete()
        ServiceCount.objects.bulk_create(rows, batch_size=2000)
        FillState.objects.update_or_create(
            property=property_name,
            end_time=day,
            defaults={
                "revision": revision,
                "state": FillState.State.DONE,
                "seconds": time.perf_counter() - started,
            },
        )
    return revision


def _rule_set_version(day: date) -> str:
    from laget.competence.profiles import rule_set_in_force

    record, _rules = rule_set_in_force(day)
    return record.version
