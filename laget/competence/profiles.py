"""From the register to the engine: PersonProfiles built in a constant number of queries."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language

from laget.competence.models import CompetenceRuleSet
from laget.domain.competence import (
    Education,
    EducationLevel,
    EmploymentPeriod,
    FurtherEducation,
    FurtherEducationStatus,
    PersonProfile,
    RuleSet,
)
from laget.organisations.models import Service
from laget.people.models import EducationLevel as EducationLevelChoice
from laget.people.models import Employment, Person, RelevanceBasis

LEVELS = {level.name.lower(): level for level in EducationLevel}


@functools.lru_cache(maxsize=64)
def _level_label(level: str, language: str | None) -> str:
    """An education level's label in the active language, translated once (a service of
    5,000 staff has as many educations; `get_level_display` translates each)."""
    return str(dict(EducationLevelChoice.choices).get(level, level))


def rule_set_in_force(today: date) -> tuple[CompetenceRuleSet, RuleSet]:
    """The newest rule-set version valid on `today` (the oldest one before any is valid)."""
    record = (
        CompetenceRuleSet.objects.filter(valid_from__lte=today)
        .order_by("-valid_from", "-pk")
        .first()
        or CompetenceRuleSet.objects.order_by("valid_from", "pk").first()
    )
    if record is None:
        raise LookupError("Ingen regelsett for kompetansekravet er registrert.")
    return record, record.rules()


def covered_roles(service: Service, day: date) -> frozenset[str]:
    """The roles the requirement covers in `service` on `day`: the rule set's, and those the
    service has brought under it (what «Kravet er her regnet for …» says)."""
    from laget.people.models import RoleCategory

    _record, rules = rule_set_in_force(day)
    return frozenset(r for r in RoleCategory.values if rules.covers(r, service.extra_roles))


#: The relations a profile reads, and the attribute `with_register` puts each in.
REGISTER = {
    "employments": "register_employments",
    "educations": "register_educations",
    "further_educations": "register_further_educations",
    "prior_experiences": "register_prior_experiences",
}


def with_register(persons: QuerySet[Person]) -> QuerySet[Person]:
    """Prefetch everything a profile needs: four extra queries, whatever the number of persons.
    Each relation goes to a list (`REGISTER`), not the related manager's cache: Django builds a
    queryset per person and relation for that, which was 2 of the 3 seconds a list of 5,000
    staff took (issue 28, item 8)."""
    ordered = {"employments": Employment.objects.order_by("start_date", "pk")}
    return persons.prefetch_related(
        *(
            Prefetch(relation, queryset=ordered.get(relation), to_attr=attribute)
            for relation, attribute in REGISTER.items()
        )
    )


def register_of(person: Person, relation: str) -> list:
    """A relation of `person` as `with_register` loaded it, else read now."""
    loaded = getattr(person, REGISTER[relation], None)
    return loaded if loaded is not None else list(getattr(person, relation).all())


@dataclass(frozen=True)
class PlannedStudy:
    """A competence-plan measure counted as a plan: further education or a master."""

    master: bool
    credits: float
    ends_on: date


def profile_for(
    person: Person,
    role_category: str,
    planned: tuple[PlannedStudy, ...] = (),
    extra_roles: frozenset[str] = frozenset(),
) -> PersonProfile:
    """The engine's view of a person, from prefetched relations (no queries). `planned` adds
    competence-plan measures as studies under way (for the projection); `extra_roles` are the
    roles the person's service has brought under the requirement."""
    language = get_language()  # once a person, not once an education (a thread-local read)
    return PersonProfile(
        role_category=role_category,
        extra_roles=extra_roles,
        educations=tuple(
            Education(
                LEVELS[e.level],
                e.relevant,
                e.completed_on,
                e.expected_on,
                assessed=e.relevance_basis != RelevanceBasis.NOT_ASSESSED,
                name=f"{_level_label(e.level, language)} {e.field}".strip(),
            )
            for e in register_of(person, "educations")
        )
        + tuple(
            Education(EducationLevel.MASTER, True, None, p.ends_on) for p in planned if p.master
        ),
        further_educations=tuple(
            FurtherEducation(
                float(f.credits),
                f.relevant,
                FurtherEducationStatus(f.status),
                f.ends_on,
                is_sum=f.is_sum,
                assessed=f.relevance_basis != RelevanceBasis.NOT_ASSESSED,
                name=f.course,
            )
            for f in register_of(person, "further_educations")
        )
        + tuple(
            FurtherEducation(p.credits, True, FurtherEducationStatus.IN_PROGRESS, p.ends_on)
            for p in planned
            if not p.master
        ),
        employments=tuple(
            EmploymentPeriod(e.start_date, e.end_date, float(e.fte_percent) / 100)
            for e in register_of(person, "employments")
        ),
        prior_experience_months=float(
            sum((p.months for p in register_of(person, "prior_experiences")), Decimal(0))
        ),
        person_id=person.pk,
    )


def current_employment(person: Person, service_id: int | None, today: date) -> Employment | None:
    """The employment in `service_id` today (highest FTE first); any current one if no
    service."""
    current = [
        e
        for e in register_of(person, "employments")
        if e.start_date <= today
        and (e.end_date is None or e.end_date >= today)
        and (service_id is None or e.service_id == service_id)
    ]
    if not current:
        return None
    return max(current, key=lambda e: (e.fte_percent, -e.pk))


def extra_roles_of(service_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """The roles each service has brought under the requirement (one query)."""
    return {
        pk: frozenset(roles or ())
        for pk, roles in Service.objects.filter(pk__in=set(service_ids)).values_list(
            "pk", "requirement_extra_roles"
        )
    }
