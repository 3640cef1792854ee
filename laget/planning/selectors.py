"""Reads for competence plans, and the projection with and without the plan's measures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from laget.competence.profiles import PlannedStudy
from laget.competence.selectors import Evaluated, population_for
from laget.domain.competence import Status
from laget.domain.projection.forecast import Forecast, Parameters, forecast, outlook_for
from laget.planning.models import CompetencePlan, Measure, MeasureKind
from laget.projection.selectors import TurnoverChoice, turnover_for


def planned_studies(plan: CompetencePlan) -> dict[int, tuple[PlannedStudy, ...]]:
    planned: dict[int, list[PlannedStudy]] = {}
    for measure in plan.measures.all():
        if measure.counts_in_projection:
            assert measure.person_id is not None and measure.ends_on is not None
            study = PlannedStudy(
                measure.kind == MeasureKind.MASTER, float(measure.credits or 0), measure.ends_on
            )
            planned.setdefault(measure.person_id, []).append(study)
    return {person: tuple(studies) for person, studies in planned.items()}


@dataclass(frozen=True)
class PlanProjection:
    without_plan: Forecast
    with_plan: Forecast
    turnover: TurnoverChoice

    @property
    def added_persons(self) -> float:
        """How many more are expected to meet the requirement at the deadline with the plan's
        measures: one measure moves the whole-percent share too little to see, this does."""
        return max(
            0.0,
            self.with_plan.expected_meeting_at_deadline
            - self.without_plan.expected_meeting_at_deadline,
        )


def plan_projection(plan: CompetencePlan, today: date, runs: int = 1000) -> PlanProjection:
    """The same forecast (same seed) without and with the plan's study measures."""
    turnover = turnover_for(plan.service, today)
    parameters = Parameters(annual_turnover=turnover.rate, runs=runs)
    results = []
    for planned in ({}, planned_studies(plan)):
        _record, rules, facts = population_for([plan.service], today, planned)
        results.append(
            forecast(
                outlook_for(facts, rules, today),
                today=today,
                deadline=rules.deadline,
                parameters=parameters,
            )
        )
    return PlanProjection(results[0], results[1], turnover)


#: Those a leader must act for: with a measure in the plan, or a note why there is none.
NEEDS_MEASURE = (Status.CANNOT_MEET, Status.AT_RISK)


def without_measures(evaluated: Evaluated, year: int) -> list[int]:
    """Ids of the persons in `evaluated` who cannot meet the requirement or are at risk and have
    no measure of their own in their service's competence plan for `year` (one query)."""
    wanted = np.isin(evaluated.result.status, [int(s) for s in NEEDS_MEASURE])
    persons = dict.fromkeys(evaluated.keys.person_id[wanted].tolist())
    planned = set(
        Measure.objects.filter(
            plan__service_id__in=evaluated.service_ids, plan__year=year, person_id__in=persons
        ).values_list("person_id", flat=True)
    )
    return [pk for pk in persons if pk not in planned]
