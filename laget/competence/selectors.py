"""Competence against the requirement: one person, one service, or many services.

Person rows come from the person engine (every shortfall explained); aggregates and the
timeline from the vectorised population engine; both use the same rule objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q

from laget.accounts import access
from laget.charts.competence import StatusBar, TimelinePoint, status_distribution, timeline
from laget.competence.models import CompetenceRuleSet
from laget.competence.profiles import (
    PlannedStudy,
    current_role_category,
    profile_for,
    rule_set_in_force,
    with_register,
)
from laget.competence.text import STATUS_LABELS, STATUS_ORDER, STATUS_SHORT_LABELS, shortfall_text
from laget.domain.competence import PersonProfile, Result, RuleSet, Status, evaluate
from laget.domain.competence.engine import urgency_key
from laget.domain.competence.population import (
    PopulationFacts,
    PopulationResult,
    evaluate_population,
    population_facts,
)
from laget.domain.suppression import Figure, suppress, suppress_table, unsuppressed
from laget.organisations.models import Service
from laget.people.models import Employment, Person, RoleCategory


@dataclass(frozen=True)
class PersonStatus:
    person: Person
    employment: Employment | None
    result: Result
    label: str
    shortfalls: list[str]


def _person_status(person: Person, employment: Employment | None, result: Result) -> PersonStatus:
    return PersonStatus(
        person,
        employment,
        result,
        str(STATUS_LABELS[result.status]),
        [shortfall_text(s) for s in result.shortfalls],
    )


def competence_status_for_person(*, user, person: Person, today: date) -> PersonStatus:
    """One person's status (the caller has already checked access to the person)."""
    _record, rules = rule_set_in_force(today)
    person = with_register(Person.objects.filter(pk=person.pk)).get()
    role = current_role_category(person, None, today)
    return _person_status(person, None, evaluate(profile_for(person, role), rules, today))


def timeline_dates(today: date, deadline: date) -> list[date]:
    """Each year-end from this year on, the last one being the deadline itself."""
    year_ends = [date(y, 12, 31) for y in range(today.year, deadline.year - 1)]
    return [d for d in year_ends if d >= today] + [deadline]


@dataclass(frozen=True)
class StatusRow:
    key: str
    label: str
    count: Figure
    share: Figure


@dataclass
class CompetenceOverview:
    rules: RuleSet
    record: CompetenceRuleSet
    today: date
    suppressed_view: bool
    subject: Figure
    not_subject: Figure
    statuses: list[StatusRow]
    by_role: list[tuple[str, dict[str, Figure]]]
    by_path: list[tuple[str, dict[str, Figure]]]
    timeline: list[tuple[date, Figure, Figure]]
    status_chart: dict[str, Any]
    timeline_chart: dict[str, Any]
    persons: list[PersonStatus] = field(default_factory=list)


def current_staff(services: list[int], today: date) -> list[tuple[Person, Employment]]:
    active = Q(employments__start_date__lte=today) & (
        Q(employments__end_date__isnull=True) | Q(employments__end_date__gte=today)
    )
    persons = with_register(
        Person.objects.filter(active, employments__service__in=services)
        .distinct()
        .order_by("family_name", "given_name", "pk")
    )
    staff = []
    for person in persons:
        current = [
            e
            for e in person.employments.all()
            if e.service_id in services
            and e.start_date <= today
            and (e.end_date is None or e.end_date >= today)
        ]
        staff.append((person, max(current, key=lambda e: (e.fte_percent, -e.pk))))
    return staff


@dataclass(frozen=True)
class Evaluated:
    """Current staff of some services and the population engine's result for them."""

    record: CompetenceRuleSet
    rules: RuleSet
    staff: list[tuple[Person, Employment]]
    profiles: list[PersonProfile]
    result: PopulationResult


def population_for(
    services: list[Service], today: date, planned: dict[int, tuple[PlannedStudy, ...]] | None = None
) -> tuple[CompetenceRuleSet, RuleSet, PopulationFacts]:
    """The engine's arrays for the current staff of `services` (for the projection), with
    competence-plan measures per person id counted as plans when given."""
    record, rules = rule_set_in_force(today)
    staff = current_staff([s.pk for s in services], today)
    planned = planned or {}
    profiles = [profile_for(p, e.role_category, planned.get(p.pk, ())) for p, e in staff]
    return record, rules, population_facts(profiles, rules, today)


def _evaluate(services: list[Service], today: date) -> Evaluated:
    record, rules = rule_set_in_force(today)
    staff = current_staff([s.pk for s in services], today)
    profiles = [profile_for(p, e.role_category) for p, e in staff]
    result = evaluate_population(population_facts(profiles, rules, today), rules, today)
    return Evaluated(record, rules, staff, profiles, result)


def competence_overview(
    *,
    user,
    services: list[Service],
    today: date,
    with_persons: bool,
    evaluated: Evaluated | None = None,
) -> CompetenceOverview:
    """Aggregates for `services` (already scoped by the caller), suppressed unless the user
    has person access to every one of them; the person list only when asked and allowed."""
    evaluated = evaluated or _evaluate(services, today)
    record, rules, staff, profiles, result = (
        evaluated.record,
        evaluated.rules,
        evaluated.staff,
        evaluated.profiles,
        evaluated.result,
    )
    suppressed = not all(access.has_person_access(user, s) for s in services)
    show = suppress if suppressed else unsuppressed

    statuses = [Status(s) for s in result.status]
    subject_n = sum(s is not Status.NOT_SUBJECT for s in statuses)
    counts = {s: statuses.count(s) for s in STATUS_ORDER}
    status_cells = (
        suppress_table({"alle": {s.key: counts[s] for s in STATUS_ORDER}})["alle"]
        if suppressed
        else {s.key: unsuppressed(counts[s], counts[s]) for s in STATUS_ORDER}
    )
    if suppressed and subject_n < 5:
        status_cells = {k: Figure(f.value, f.n, True) for k, f in status_cells.items()}
    status_rows = []
    for s in STATUS_ORDER:
        cell = status_cells[s.key]
        share = (counts[s] / subject_n * 100) if subject_n else None
        status_rows.append(
            StatusRow(
                s.key,
                str(STATUS_LABELS[s]),
                cell,
                Figure(share, cell.n, cell.suppressed or (suppressed and subject_n < 5)),
            )
        )

    role_labels = dict(RoleCategory.choices)
    role_table: dict[str, dict[str, int]] = {}
    for (_person, employment), status in zip(staff, statuses, strict=True):
        if status is Status.NOT_SUBJECT:
            continue
        row = role_table.setdefault(
            str(role_labels[employment.role_category]), {s.key: 0 for s in STATUS_ORDER}
        )
        row[status.key] += 1
    by_role = _table(role_table, suppressed)

    path_table: dict[str, dict[str, int]] = {
        p.label: {Status.MEETS.key: 0, Status.WILL_MEET.key: 0} for p in rules.paths
    }
    for index, status in zip(result.path_index, statuses, strict=True):
        if status in (Status.MEETS, Status.WILL_MEET):
            path_table[rules.paths[index].label][status.key] += 1
    by_path = _table(path_table, suppressed)

    points = []
    for day in timeline_dates(today, rules.deadline):
        meeting = result.meeting_on(day)
        figure = (
            show(meeting, meeting)
            if not (suppressed and subject_n < 5)
            else Figure(meeting, meeting, True)
        )
        share_figure = Figure(
            meeting / subject_n * 100 if subject_n else None, meeting, figure.suppressed
        )
        points.append((day, figure, share_figure))

    # The chart's line «alle som er omfattet» is the shown figure, never the count behind it.
    subject_figure = show(subject_n, subject_n)
    overview = CompetenceOverview(
        rules=rules,
        record=record,
        today=today,
        suppressed_view=suppressed,
        subject=subject_figure,
        not_subject=show(len(statuses) - subject_n, len(statuses) - subject_n),
        statuses=status_rows,
        by_role=by_role,
        by_path=by_path,
        timeline=points,
        status_chart=status_distribution(
            [
                StatusBar(
                    r.key,
                    str(STATUS_SHORT_LABELS[Status[r.key.upper()]]),
                    None if r.count.suppressed else counts[Status[r.key.upper()]],
                )
                for r in status_rows
            ],
            title="Status mot kompetansekravet",
        ),
        timeline_chart=timeline(
            [
                TimelinePoint(
                    d,
                    None if f.suppressed else int(f.value or 0),
                    None if subject_figure.suppressed else subject_n,
                )
                for d, f, _ in points
            ],
            title="Antall som oppfyller kravet ved hvert årsskifte",
            deadline=rules.deadline,
        ),
    )
    if with_persons and not suppressed:
        rows = [
            _person_status(person, employment, evaluate(profile, rules, today))
            for (person, employment), profile in zip(staff, profiles, strict=True)
        ]
        overview.persons = sorted(rows, key=lambda r: (urgency_key(r.result), r.person.family_name))
    return overview


def _table(
    table: dict[str, dict[str, int]], suppressed: bool
) -> list[tuple[str, dict[str, Figure]]]:
    if not table:
        return []
    figures = (
        suppress_table(table)
        if suppressed
        else {r: {c: unsuppressed(v, v) for c, v in cols.items()} for r, cols in table.items()}
    )
    return list(figures.items())


@dataclass(frozen=True)
class ServiceCompetenceRow:
    service: Service
    subject: Figure
    cells: dict[str, Figure]  # status key -> count
    meets_share: Figure


def competence_across_services(
    *, user, services: list[Service], today: date
) -> tuple[CompetenceOverview, list[ServiceCompetenceRow]]:
    """The combined picture for many services (county, nation) and one row per service,
    from one evaluation; every figure suppressed as the user's access requires."""
    evaluated = _evaluate(services, today)
    combined = competence_overview(
        user=user, services=services, today=today, with_persons=False, evaluated=evaluated
    )
    by_service: dict[int, dict[str, int]] = {
        s.pk: {st.key: 0 for st in STATUS_ORDER} for s in services
    }
    for (_person, employment), status in zip(evaluated.staff, evaluated.result.status, strict=True):
        if Status(status) is not Status.NOT_SUBJECT:
            by_service[employment.service_id][Status(status).key] += 1
    rows = []
    for service in services:
        counts = by_service[service.pk]
        subject = sum(counts.values())
        if access.has_person_access(user, service):
            cells = {k: unsuppressed(v, v) for k, v in counts.items()}
            subject_figure = unsuppressed(subject, subject)
        else:
            subject_figure = suppress(subject, subject)
            cells = suppress_table({"row": counts})["row"]
            if subject_figure.suppressed:
                cells = {k: Figure(f.value, f.n, True) for k, f in cells.items()}
        meets = cells[Status.MEETS.key]
        share = Figure(
            counts[Status.MEETS.key] / subject * 100 if subject else None,
            meets.n,
            meets.suppressed or subject_figure.suppressed,
        )
        rows.append(ServiceCompetenceRow(service, subject_figure, cells, share))
    return combined, rows
