"""Competence against the requirement: one person, one service, or many services.

Person rows come from the person engine (every shortfall explained); aggregates and the
timeline from the vectorised population engine; both use the same rule objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np
from django.db.models import Q, QuerySet

from laget.accounts import access
from laget.charts.competence import StatusBar, TimelinePoint, status_distribution
from laget.charts.competence import timeline as timeline_chart
from laget.competence import publication
from laget.competence.exemptions import exempt_until
from laget.competence.models import CompetenceRuleSet
from laget.competence.population_db import StaffKeys, population_arrays
from laget.competence.profiles import (
    PlannedStudy,
    current_employment,
    extra_roles_of,
    profile_for,
    rule_set_in_force,
    with_register,
)
from laget.competence.series import SeriesPoint, series
from laget.competence.text import (
    STATUS_LABELS,
    STATUS_ORDER,
    STATUS_SHORT_LABELS,
    coverage_text,
    exemption_label,
    needs_check_label,
    shortfall_text,
    timeline_text,
)
from laget.domain.competence import PersonProfile, Result, RuleSet, Status, evaluate, recoding
from laget.domain.competence.engine import exempted, urgency_key
from laget.domain.competence.population import (
    PopulationFacts,
    PopulationResult,
    evaluate_population,
    with_exemptions,
)
from laget.domain.suppression import Figure, unsuppressed
from laget.organisations.models import Service
from laget.people.models import Employment, Person, RoleCategory


@dataclass(frozen=True)
class PersonStatus:
    person: Person
    employment: Employment | None
    result: Result
    label: str
    shortfalls: list[str]
    #: «Kravet er her regnet for …» for the person's service (on the person's own page)
    coverage: str = ""


def _person_status(person: Person, employment: Employment | None, result: Result) -> PersonStatus:
    ruled = result.status_without_exemption or result.status
    shortfalls = [
        shortfall_text(s, reachable=ruled is not Status.CANNOT_MEET) for s in result.shortfalls
    ]
    label = str(STATUS_LABELS[result.status])
    if result.status_counted is not None and result.status_if_confirmed is not None:
        label = needs_check_label(result.status_counted, result.status_if_confirmed)
    if result.exempt_until is not None:
        label = exemption_label(result.exempt_until, ruled)
    return PersonStatus(person, employment, result, label, shortfalls)


def competence_status_for_person(*, user, person: Person, today: date) -> PersonStatus:
    """One person's status (the caller has already checked access to the person)."""
    _record, rules = rule_set_in_force(today)
    person = with_register(Person.objects.filter(pk=person.pk)).get()
    employment = current_employment(person, None, today)
    if employment is None:
        return _person_status(person, None, evaluate(profile_for(person, ""), rules, today))
    profile = profile_for(
        person,
        employment.role_category,
        extra_roles=extra_roles_of([employment.service_id])[employment.service_id],
    )
    result = evaluate(profile, rules, today)
    until = exempt_until([employment.service_id], today).get(person.pk)
    status = _person_status(person, None, exempted(result, until) if until else result)
    unit = publication.service_unit(employment.service_id)
    return replace(status, coverage=coverage_text(rules, {unit: profile.extra_roles}))


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
    #: a merged category's short label and the status whose colour it takes (`recoding`)
    short: str = ""
    colour: str = ""


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
    #: for users outside the services: the figures kept on earlier dates (`series.series`)
    series: list[SeriesPoint] = field(default_factory=list)
    #: for users outside the services: the status figures in the unit's form (`recoding`)
    recoded: publication.Recoded | None = None
    #: figures for several services: the tables by role and path are shown per service
    detail_per_service: bool = False
    #: a service whose form shows less than the two groups: no statuses by role or path, and
    #: no timeline, outside the service (`publication.shows_status_tables`)
    status_tables_hidden: bool = False
    #: those covered whose formal education is in place (count, share of the covered)
    education_in_place: Figure = field(default_factory=lambda: Figure(None, 0, True))
    education_in_place_share: Figure = field(default_factory=lambda: Figure(None, 0, True))
    #: «Kravet er her regnet for …»
    coverage: str = ""
    #: what the timeline counts («Hvis planene holder og ingen slutter: …»)
    timeline_note: str = ""


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
    """Current staff of some services and the population engine's result for them.

    `keys` (person, employment, service, role, birth year) and `result` are arrays in the same
    order, read without model instances. `staff` and `profiles` are the persons and their
    profiles as objects, in that order too: loaded only when asked for (a person list)."""

    record: CompetenceRuleSet
    rules: RuleSet
    keys: StaffKeys
    result: PopulationResult
    service_ids: list[int]
    today: date
    #: person id -> the last day of the exemption covering them today
    exempt_until: dict[int, date] = field(default_factory=dict)

    @cached_property
    def staff(self) -> list[tuple[Person, Employment]]:
        by_person = {p.pk: (p, e) for p, e in current_staff(self.service_ids, self.today)}
        return [by_person[pk] for pk in self.keys.person_id.tolist()]

    @cached_property
    def profiles(self) -> list[PersonProfile]:
        extra = extra_roles_of(self.service_ids)
        return [
            profile_for(p, e.role_category, extra_roles=extra[e.service_id]) for p, e in self.staff
        ]


def population_for(
    services: list[Service], today: date, planned: dict[int, tuple[PlannedStudy, ...]] | None = None
) -> tuple[CompetenceRuleSet, RuleSet, PopulationFacts]:
    """The engine's arrays for the current staff of `services` (for the projection), with
    competence-plan measures per person id counted as plans when given."""
    record, rules = rule_set_in_force(today)
    _keys, facts = population_arrays([s.pk for s in services], today, rules, planned)
    return record, rules, facts


def _evaluate(services: list[Service], today: date) -> Evaluated:
    record, rules = rule_set_in_force(today)
    ids = [s.pk for s in services]
    keys, facts = population_arrays(ids, today, rules)
    result = evaluate_population(facts, rules, today)
    until = exempt_until(ids, today)
    if until:
        result = with_exemptions(result, np.isin(keys.person_id, list(until)))
    return Evaluated(record, rules, keys, result, ids, today, until)


def persons_by_urgency(evaluated: Evaluated) -> list[PersonStatus]:
    """Every person with their status and what is missing, most urgent first."""
    rules, today = evaluated.rules, evaluated.today
    until = evaluated.exempt_until

    def result_for(person: Person, profile: PersonProfile) -> Result:
        result = evaluate(profile, rules, today)
        return exempted(result, until[person.pk]) if person.pk in until else result

    rows = [
        _person_status(person, employment, result_for(person, profile))
        for (person, employment), profile in zip(evaluated.staff, evaluated.profiles, strict=True)
    ]
    return sorted(
        rows,
        key=lambda r: (
            urgency_key(r.result),
            r.person.family_name,
            r.person.given_name,
            r.person.pk,
        ),
    )


def service_persons(
    *, service: Service, today: date, name: str = "", status: str = ""
) -> list[PersonStatus]:
    """A service's persons by urgency (the caller has checked person access), narrowed to a
    name and a status when given."""
    rows = persons_by_urgency(_evaluate([service], today))
    if name:
        wanted = name.casefold()
        rows = [r for r in rows if wanted in r.person.full_name.casefold()]
    if status:
        rows = [r for r in rows if r.result.status.key == status]
    return rows


def status_by_person(*, service: Service, today: date) -> dict[int, Status]:
    """Each current staff member's status against the requirement, by person id (the caller
    has checked person access); from the population engine, in a constant number of queries."""
    evaluated = _evaluate([service], today)
    return dict(
        zip(
            evaluated.keys.person_id.tolist(),
            (Status(s) for s in evaluated.result.status.tolist()),
            strict=True,
        )
    )


def covered_staff(*, service: Service, today: date) -> QuerySet[Person]:
    """The service's current staff the requirement covers (those exempted too), by name:
    whom a measure in the competence plan can concern."""
    covered = [
        pk
        for pk, status in status_by_person(service=service, today=today).items()
        if status is not Status.NOT_SUBJECT
    ]
    return Person.objects.filter(pk__in=covered).order_by("family_name", "given_name", "pk")


def competence_overview(
    *,
    user,
    services: list[Service],
    today: date,
    with_persons: bool,
    evaluated: Evaluated | None = None,
) -> CompetenceOverview:
    """Aggregates for `services` (already scoped by the caller): live and exact for a user
    with person access to every one of them (with the person list when asked), else the
    protected figures every user outside the services sees (`publication`)."""
    if not all(access.has_person_access(user, s) for s in services):
        return _published_overview(publication.competence_publication(today), services)
    evaluated = evaluated or _evaluate(services, today)
    record, rules, result = evaluated.record, evaluated.rules, evaluated.result
    statuses = [Status(s) for s in result.status]
    subject_n = sum(s is not Status.NOT_SUBJECT for s in statuses)
    counts = {s: statuses.count(s) for s in STATUS_ORDER}
    status_rows = [
        StatusRow(
            s.key,
            str(STATUS_LABELS[s]),
            unsuppressed(counts[s], counts[s]),
            unsuppressed(counts[s] / subject_n * 100 if subject_n else None, counts[s]),
        )
        for s in STATUS_ORDER
    ]
    role_labels = dict(RoleCategory.choices)
    # every role the requirement covers in these services is a row, empty or not: which
    # rows a table has says nothing about the figures in it
    extra = extra_roles_of(s.pk for s in services)
    role_table: dict[str, dict[str, int]] = {
        str(label): {s.key: 0 for s in STATUS_ORDER}
        for key, label in role_labels.items()
        if any(rules.covers(key, extra[s.pk]) for s in services)
    }
    for role_category, status in zip(evaluated.keys.role_category, statuses, strict=True):
        if status is Status.NOT_SUBJECT:
            continue
        role_table[str(role_labels[role_category])][status.key] += 1
    path_table: dict[str, dict[str, int]] = {
        p.label: {Status.MEETS.key: 0, Status.WILL_MEET.key: 0} for p in rules.paths
    }
    for index, status in zip(result.path_index, statuses, strict=True):
        if status in (Status.MEETS, Status.WILL_MEET):
            path_table[rules.paths[index].label][status.key] += 1
    points = []
    for day in timeline_dates(today, rules.deadline):
        meeting = result.meeting_on(day)
        points.append(
            (
                day,
                unsuppressed(meeting, meeting),
                unsuppressed(meeting / subject_n * 100 if subject_n else None, meeting),
            )
        )
    overview = _overview(
        rules=rules,
        record=record,
        today=today,
        suppressed_view=False,
        subject=unsuppressed(subject_n, subject_n),
        not_subject=unsuppressed(len(statuses) - subject_n, len(statuses) - subject_n),
        statuses=status_rows,
        by_role=[(r, {k: unsuppressed(v, v) for k, v in c.items()}) for r, c in role_table.items()],
        by_path=[(p, {k: unsuppressed(v, v) for k, v in c.items()}) for p, c in path_table.items()],
        timeline=points,
        services=services,
        extra=extra,
    )
    in_place = int(result.education_in_place.sum())
    overview.education_in_place = unsuppressed(in_place, in_place)
    overview.education_in_place_share = unsuppressed(
        in_place / subject_n * 100 if subject_n else None, in_place
    )
    if with_persons:
        overview.persons = persons_by_urgency(evaluated)
    return overview


def _overview(
    *,
    statuses: list[StatusRow],
    timeline: list,
    subject: Figure,
    services: list[Service],
    extra: dict[int, frozenset[str]] | None = None,
    **fields,
) -> CompetenceOverview:
    """The overview with its two charts, drawn from the figures as they are shown (a hidden
    figure is left out of the chart, never drawn from the value behind it)."""
    extra = extra if extra is not None else extra_roles_of(s.pk for s in services)
    return CompetenceOverview(
        **fields,
        coverage=coverage_text(
            fields["rules"], {publication.service_unit(s.pk): extra[s.pk] for s in services}
        ),
        timeline_note=timeline_text([publication.service_unit(s.pk) for s in services]),
        subject=subject,
        statuses=statuses,
        timeline=timeline,
        status_chart=status_distribution(
            [
                StatusBar(
                    r.colour or r.key,
                    r.short or str(STATUS_SHORT_LABELS[Status[r.key.upper()]]),
                    None if r.count.shown is None else int(r.count.shown),
                )
                for r in statuses
            ],
            title="Status mot kompetansekravet",
        ),
        timeline_chart=timeline_chart(
            [
                TimelinePoint(
                    d,
                    None if f.shown is None else int(f.shown),
                    None if subject.shown is None else int(subject.shown),
                )
                for d, f, _ in timeline
            ],
            title="Antall som oppfyller kravet ved hvert årsskifte",
            deadline=fields["rules"].deadline,
        ),
    )


def _published_overview(
    published: publication.CompetencePublication, services: list[Service]
) -> CompetenceOverview:
    """The overview as users outside the services see it: the status figures from the
    protected publication; for one service also its detail tables (by role, by path, the
    timeline), protected around them; for several, no detail tables (see `publication`)."""
    unit = published.unit_for(s.pk for s in services)
    recoded = published.recoded(unit)
    one = services[0].pk if len(services) == 1 else None
    detail = published.detail(one).figure if one is not None else None
    role_labels = dict(RoleCategory.choices)

    def share(figure_for, metric: str) -> Figure:
        count, cell = figure_for(unit, metric), figure_for(unit, metric + ".share")
        value = cell.value * 100 if cell.value is not None else None
        return Figure(value, count.n, cell.suppressed or count.suppressed, source=cell.source)

    by_role, by_path, timeline = [], [], []
    if detail is not None:
        covered = published.covered(one)  # type: ignore[arg-type]
        for role_key, label in role_labels.items():
            # every covered role is a row, whatever its figures: a row left out because it
            # is empty would tell what the hidden cells of the same row elsewhere hold
            if role_key in covered:
                cells = {s.key: detail(unit, publication.role(role_key, s)) for s in STATUS_ORDER}
                by_role.append((str(label), cells))
        by_path = [
            (
                path.label,
                {
                    s.key: detail(unit, publication.path(index, s))
                    for s in (Status.MEETS, Status.WILL_MEET)
                },
            )
            for index, path in enumerate(published.rules.paths)
        ]
        timeline = [
            (day, detail(unit, publication.timeline(day)), share(detail, publication.timeline(day)))
            for day in published.timeline_dates
        ]
    overview = _overview(
        rules=published.rules,
        record=published.record,
        today=published.as_of,
        suppressed_view=True,
        detail_per_service=detail is None,
        subject=published.figure(unit, "subject"),
        not_subject=published.figure(unit, "not_subject"),
        statuses=_form_rows(recoded),
        by_role=by_role,
        by_path=by_path,
        timeline=timeline,
        services=services,
    )
    overview.education_in_place = published.figure(unit, publication.EDUCATION_IN_PLACE)
    overview.education_in_place_share = share(published.figure, publication.EDUCATION_IN_PLACE)
    overview.series = series(unit)
    overview.recoded = recoded
    overview.status_tables_hidden = one is not None and not publication.shows_status_tables(
        recoded.form
    )
    return overview


def status_row(overview: CompetenceOverview, key: str) -> StatusRow:
    """The status table's row for a status (or merged category) key; a hidden row where the
    unit's form does not publish it on its own (`recoding`)."""
    found = next((row for row in overview.statuses if row.key == key), None)
    if found is not None:
        return found
    hidden = Figure(None, 0, True)
    return StatusRow(key, key, hidden, hidden)


#: the colour a merged category takes: its worst status's (`STATUS_COLOURS`)
_COLOURS = {
    recoding.CANNOT_OR_AT_RISK.key: Status.AT_RISK.key,
    recoding.CHECK_OR_EXEMPT.key: Status.NEEDS_CHECK.key,
    recoding.ON_TRACK_GROUP.key: Status.WILL_MEET.key,
    recoding.REST_GROUP.key: Status.AT_RISK.key,
}


def _form_rows(recoded: publication.Recoded) -> list[StatusRow]:
    """The status table's rows in the unit's form: its finest categories (the statuses, four
    groups, or the two groups), none where it shows no distribution."""
    rows = []
    for category, count, share in recoded.finer or recoded.categories:
        if len(category.statuses) == 1:
            s = category.statuses[0]
            rows.append(StatusRow(s.key, str(STATUS_LABELS[s]), count, share))
        else:
            key = category.key.removeprefix("group.")
            rows.append(
                StatusRow(key, category.label, count, share, category.label, _COLOURS[category.key])
            )
    return rows


@dataclass(frozen=True)
class ServiceCompetenceRow:
    service: Service
    subject: Figure
    cells: dict[str, Figure]  # status key -> count
    meets_share: Figure
    #: the status figures in the service's form (`laget.domain.competence.recoding`)
    recoded: publication.Recoded

    @property
    def state(self) -> str:
        """How the row reaches its reader (issue 27, item 4): `Recoded.state`."""
        return self.recoded.state


#: How a row of the per-service table reaches its reader (`publication.Recoded.state`).
STATES = ("exact", "banded", "hidden")


def row_states(rows: list[ServiceCompetenceRow]) -> dict[str, int]:
    """How many rows of the per-service table are shown exact, as a band, or hidden."""
    return {state: sum(row.state == state for row in rows) for state in STATES}


def _live_recoded(counts: dict[str, int]) -> publication.Recoded:
    """Every status of a service as counted, for an administrator (no form, nothing hidden)."""
    subject = sum(counts.values())
    form = recoding.FORMS[0]
    categories = []
    for category in form.categories:
        value = sum(counts[s.key] for s in category.statuses)
        share = value / subject * 100 if subject else None
        categories.append((category, unsuppressed(value, value), unsuppressed(share, value)))
    return publication.Recoded(form, unsuppressed(subject, subject), categories, None)


def competence_across_services(
    *, user, services: list[Service], today: date
) -> tuple[CompetenceOverview, list[ServiceCompetenceRow]]:
    """The combined picture for many services (county, nation) and one row per service.
    An administrator sees them live; everyone else the protected publication, where a set
    of services that is no publishable group has no combined figures."""
    if access.access_for(user).is_admin:
        evaluated = _evaluate(services, today)
        combined = competence_overview(
            user=user, services=services, today=today, with_persons=False, evaluated=evaluated
        )
        by_service: dict[int, dict[str, int]] = {
            s.pk: {st.key: 0 for st in STATUS_ORDER} for s in services
        }
        for service_id, status in zip(
            evaluated.keys.service_id.tolist(), evaluated.result.status, strict=True
        ):
            if Status(status) is not Status.NOT_SUBJECT:
                by_service[service_id][Status(status).key] += 1
        rows = []
        for service in services:
            counts = by_service[service.pk]
            subject = sum(counts.values())
            meets = counts[Status.MEETS.key]
            rows.append(
                ServiceCompetenceRow(
                    service,
                    unsuppressed(subject, subject),
                    {k: unsuppressed(v, v) for k, v in counts.items()},
                    unsuppressed(meets / subject * 100 if subject else None, meets),
                    _live_recoded(counts),
                )
            )
        return combined, rows
    published = publication.competence_publication(today)
    combined = _published_overview(published, services)
    rows = []
    for service in services:
        unit = published.unit_for([service.pk])
        meets_count = published.figure(unit, publication.status(Status.MEETS))
        share = published.figure(unit, publication.status(Status.MEETS) + ".share")
        rows.append(
            ServiceCompetenceRow(
                service,
                published.figure(unit, "subject"),
                {s.key: published.figure(unit, publication.status(s)) for s in STATUS_ORDER},
                Figure(
                    share.value * 100 if share.value is not None else None,
                    meets_count.n,
                    share.suppressed or meets_count.suppressed,
                    source=share.source,
                ),
                published.recoded(unit),
            )
        )
    return combined, rows
