"""Reads for one person's own supervision: their plans, sessions, reflections and regularity
over the last year, their onboarding and the quarter's check-in; and the new colleagues a
mentor follows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from laget.domain import supervision as domain
from laget.organisations.models import Service
from laget.people.models import Employment, Person
from laget.supervision.models import (
    CheckIn,
    Form,
    Onboarding,
    SessionReflection,
    Status,
    SupervisionPause,
    SupervisionPlan,
    SupervisionSession,
)
from laget.supervision.selectors import WINDOW_DAYS, domain_plan, quarter


@dataclass
class OwnSupervision:
    person: Person
    plans: list[SupervisionPlan]
    sessions: list[SupervisionSession]
    reflections: dict[int, object]
    regularity: domain.Regularity | None
    onboardings: list[Onboarding]
    #: the services whose supervision the person is asked to rate: those with a plan of theirs
    services: list[Service]
    period: str
    checked_in: set[int]


def own_supervision(*, person: Person, user, today: date) -> OwnSupervision:
    start = today - timedelta(days=WINDOW_DAYS - 1)
    plans = list(
        SupervisionPlan.objects.filter(Q(person=person) | Q(members=person))
        .distinct()
        .select_related("supervisor", "service")
        .order_by("-starts_on")
    )
    sessions = list(
        SupervisionSession.objects.filter(plan__in=plans)
        .select_related("plan")
        .order_by("-held_on", "-pk")[:50]
    )
    reflections = {r.session_id: r for r in person_reflections(person).filter(session__in=sessions)}
    employments = list(Employment.objects.active_on(today).filter(person=person))
    regularity = None
    if plans:
        regularity = domain.regularity(
            [domain_plan(p) for p in plans],
            [
                domain.Session(
                    s.held_on, s.status == Status.HELD, s.kind, s.plan.form == Form.GROUP
                )
                for s in sessions
                if s.held_on >= start
            ],
            start=max([start, *(e.start_date for e in employments)]),
            end=today,
            pauses=[
                domain.Pause(p.starts_on, p.ends_on)
                for p in SupervisionPause.objects.filter(person=person)
            ],
        )
    onboardings = list(
        Onboarding.objects.filter(employment__person=person)
        .select_related("mentor", "employment__service")
        .prefetch_related("tasks")
    )
    period = quarter(today)
    return OwnSupervision(
        person=person,
        plans=plans,
        sessions=sessions,
        reflections=reflections,
        regularity=regularity,
        onboardings=onboardings,
        # a person rates the supervision they get where they have a plan (issue 28: asked
        # to rate it before having one)
        services=[e.service for e in employments if e.service_id in {p.service_id for p in plans}],
        period=period,
        checked_in=set(
            CheckIn.objects.filter(
                user=user, role=CheckIn.Role.EMPLOYEE, period=period
            ).values_list("service_id", flat=True)
        ),
    )


def person_reflections(person: Person):
    return SessionReflection.objects.filter(person=person)


def mentees(person: Person) -> list[Onboarding]:
    """The new colleagues the person mentors, in the services the person works in now."""
    services = Employment.objects.active_on(timezone.localdate()).filter(person=person)
    return list(
        Onboarding.objects.filter(
            mentor=person, employment__service__in=services.values("service_id")
        )
        .select_related("employment__person", "employment__service")
        .prefetch_related("tasks")
        .order_by("-employment__start_date")
    )
