"""Each person's status against the requirement, and the staff of services evaluated together."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

import numpy as np
from django.db.models import Q, QuerySet

from laget.competence import publication
from laget.competence.exemptions import exempt_until
from laget.competence.models import CompetenceRuleSet
from laget.competence.population_db import StaffKeys, population_arrays
from laget.competence.profiles import (
    PlannedStudy,
    current_employment,
    extra_roles_of,
    profile_for,
    register_of,
    rule_set_in_force,
    with_register,
)
from laget.competence.text import (
    STATUS_LABELS,
    coverage_text,
    exemption_label,
    needs_check_label,
    shortfall_text,
)
from laget.domain.competence import PersonProfile, Result, RuleSet, Status, evaluate
from laget.domain.competence.engine import exempted
from laget.domain.competence.population import (
    PopulationFacts,
    PopulationResult,
    evaluate_population,
    with_exemptions,
)
from laget.domain.competence.urgency import urgency_key
from laget.organisations.models import Service
from laget.people.models import Employment, Person


@dataclass(frozen=True)
class PersonStatus:
    person: Person
    employment: Employment | None
    result: Result
    #: «Kravet er her regnet for …» for the person's service (on the person's own page)
    coverage: str = ""

    @cached_property
    def label(self) -> str:
        """The status in words (worked out when shown: a list of 5,000 shows 50)."""
        result = self.result
        ruled = result.status_without_exemption or result.status
        if result.exempt_until is not None:
            return exemption_label(result.exempt_until, ruled)
        if result.status_counted is not None and result.status_if_confirmed is not None:
            return needs_check_label(result.status_counted, result.status_if_confirmed)
        return str(STATUS_LABELS[result.status])

    @cached_property
    def shortfalls(self) -> list[str]:
        """What is missing, in words (when shown)."""
        ruled = self.result.status_without_exemption or self.result.status
        return [
            shortfall_text(s, reachable=ruled is not Status.CANNOT_MEET)
            for s in self.result.shortfalls
        ]


def _person_status(person: Person, employment: Employment | None, result: Result) -> PersonStatus:
    return PersonStatus(person, employment, result)


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
            for e in register_of(person, "employments")
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


def evaluate_services(services: list[Service], today: date) -> Evaluated:
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
    rows = persons_by_urgency(evaluate_services([service], today))
    if name:
        wanted = name.casefold()
        rows = [r for r in rows if wanted in r.person.full_name.casefold()]
    if status:
        rows = [r for r in rows if r.result.status.key == status]
    return rows


def status_by_person(*, service: Service, today: date) -> dict[int, Status]:
    """Each current staff member's status against the requirement, by person id (the caller
    has checked person access); from the population engine, in a constant number of queries."""
    evaluated = evaluate_services([service], today)
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
