"""The projection for a service: its staff from the register, its turnover from its own
history when there is enough, and the standard scenarios side by side."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from laget.accounts import access
from laget.charts.projection import projection_lines
from laget.competence.profiles import PlannedStudy
from laget.competence.publication import subject_published
from laget.competence.selectors import population_for
from laget.core.numbers import norwegian
from laget.domain.projection.forecast import Forecast, Parameters, compare
from laget.domain.register import Period
from laget.domain.workforce import pooled_turnover
from laget.organisations.models import Service
from laget.organisations.selectors import set_name
from laget.people.models import Employment
from laget.projection.models import ServiceGoal
from laget.publication.published import published

#: The fallback for a service without enough history of its own: KS's figure as the 2022
#: competence-needs mapping quotes it (from Bufdir's report «Turnover blant ansatte i
#: barnevernet – Hvorfor slutter så mange?», 2022): 20 % of the staff leave *municipal child
#: welfare as a whole* each year (the mapping's footnote 9). It is lower than a service's own
#: «sluttet i tjenesten», which also counts moves to another service (SSB's 30 % counts those
#: leaving the municipality they worked in), so the fallback is a cautious choice: it
#: under-states how many a single service loses.
NATIONAL_TURNOVER = 0.20
NATIONAL_TURNOVER_SOURCE = (
    "KS' tall for hele landet, 20 %, slik kartleggingen av kompetansebehov (2022) gjengir det: "
    "andelen som slutter i kommunalt barnevern samlet sett. Tjenestens egen turnover teller også "
    "dem som går til en annen tjeneste, og er derfor ventelig høyere"
)
MIN_PERSONS_AT_RISK = 20  # pooled over three years, before a service's own turnover is used


@dataclass(frozen=True)
class TurnoverChoice:
    rate: float
    source: str  # which turnover: the service's own or the national
    #: the counts it rests on, only for users who see the service's persons (a default, so
    #: projections stored before it was added still read)
    basis: str = ""

    @property
    def described(self) -> str:
        return f"{self.source}: {self.basis}" if self.basis else self.source

    def without_counts(self) -> TurnoverChoice:
        """For users outside the service and public documents: the leavers may be fewer
        than 5, so the counts stay inside the service."""
        return replace(self, basis="")


def turnover_for(service: Service, today: date) -> TurnoverChoice:
    """The service's own KS turnover over the last three complete years when it rests on
    enough persons and the register records leavers at all; else the national 20 %."""
    periods = [
        Period(*row)
        for row in Employment.objects.filter(service=service).values_list(
            "person_id", "start_date", "end_date"
        )
    ]
    last = today.year if today >= date(today.year, 12, 1) else today.year - 1
    years = range(last - 2, last + 1)
    pooled = pooled_turnover(periods, years)
    if pooled.at_start >= MIN_PERSONS_AT_RISK and pooled.leavers > 0 and pooled.rate is not None:
        return TurnoverChoice(
            pooled.rate,
            f"tjenestens egen turnover {years[0]}–{years[-1]}, KS-definisjon",
            f"av dem som var ansatt 1. desember {years[0] - 1}–{years[-1] - 1}, til sammen "
            f"{pooled.at_start}, hadde {pooled.leavers} sluttet ett år senere",
        )
    return TurnoverChoice(
        NATIONAL_TURNOVER,
        f"for lite historikk i tjenesten; brukt i stedet: {NATIONAL_TURNOVER_SOURCE}",
    )


def _share_text(share: float) -> str:
    return f"{norwegian(share * 100, 1)}\u00a0%"


@dataclass(frozen=True)
class ServiceProjection:
    service: Service
    deadline: date
    forecasts: list[Forecast]
    turnover: TurnoverChoice
    suppressed: bool
    chart: dict[str, Any] | None
    #: the service's own goal (percent, who set it, when); None: no goal, no «extra places»
    goal: ServiceGoal | None = None

    @property
    def places_beyond_staff(self) -> bool:
        """More further-education places needed than staff subject to the requirement: each
        place counts for less than a person (not all complete, some leave before the
        deadline), so the service's own goal cannot be reached with further education alone."""
        return any((f.additional_further_education_places or 0) > f.persons for f in self.forecasts)


def service_projection(
    *,
    user,
    service: Service,
    today: date,
    changes: dict | None = None,
    planned: dict[int, tuple[PlannedStudy, ...]] | None = None,
) -> ServiceProjection:
    """Forecasts for a service; a user without person access sees nothing for fewer than 5.
    `planned` adds competence-plan measures (person id -> studies) as plans."""
    _record, rules, facts = population_for([service], today, planned)
    turnover = turnover_for(service, today)
    goal = ServiceGoal.objects.filter(service=service).select_related("set_by").first()
    base = replace(
        Parameters(annual_turnover=turnover.rate, target_share=goal.share if goal else None),
        **(changes or {}),
    )
    if base.annual_turnover != turnover.rate:
        # the user typed a turnover: the text calls it theirs, not the service's own (issue 28)
        turnover = TurnoverChoice(
            base.annual_turnover,
            f"turnoveren du skrev inn, i stedet for {_share_text(turnover.rate)} "
            f"({turnover.source})",
        )
    forecasts = compare(facts, rules, today, base)
    person_access = access.has_person_access(user, service)
    suppressed = not person_access and not subject_published([service], today)
    if not person_access:
        turnover = turnover.without_counts()
    chart = (
        None
        if suppressed or not forecasts[0].persons
        else projection_lines(forecasts, deadline=rules.deadline)
    )
    return ServiceProjection(
        service,
        rules.deadline,
        [] if suppressed else forecasts,
        turnover,
        suppressed,
        chart,
        goal,
    )


def services_projection(*, user, services: list[Service], today: date) -> ServiceProjection | None:
    """The projection for many services together (a county, the nation), at the national
    turnover; aggregates only, nothing when it rests on fewer than 5 persons. For users with
    person access to none of them it is built off the request path and stored
    (`laget.publication`), as the other figures for the nation are."""
    if not services:
        return None
    if not any(access.has_person_access(user, s) for s in services):
        return outside_projection(services, today)
    return _services_projection(
        services, today, outside=not all(access.has_person_access(user, s) for s in services)
    )


def outside_projection(services: list[Service], today: date) -> ServiceProjection:
    """The projection of `services` for users outside them, as the worker stored it per set
    of services; never built here."""
    key = {"services": [s.pk for s in services]}
    return published(set_name("projection", services), today, key=key)


def outside_projection_build(services: list[Service]) -> Callable[[date], ServiceProjection]:
    """What the worker builds the projection of `services` for users outside them with."""
    return functools.partial(_services_projection, services, outside=True)


def _services_projection(
    services: list[Service], today: date, *, outside: bool
) -> ServiceProjection:
    _record, rules, facts = population_for(services, today)
    turnover = TurnoverChoice(NATIONAL_TURNOVER, NATIONAL_TURNOVER_SOURCE)
    forecasts = compare(facts, rules, today, Parameters(annual_turnover=NATIONAL_TURNOVER))
    suppressed = outside and not subject_published(services, today)
    chart = (
        None
        if suppressed or not forecasts[0].persons
        else projection_lines(forecasts, deadline=rules.deadline)
    )
    return ServiceProjection(
        services[0], rules.deadline, [] if suppressed else forecasts, turnover, suppressed, chart
    )
