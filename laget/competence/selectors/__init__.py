"""Competence against the requirement: one person, one service, or many services.

Person rows come from the person engine (every shortfall explained); aggregates and the
timeline from the vectorised population engine; both use the same rule objects. `persons`
(each person's status, the staff of services evaluated together), `overview` (a service's or
a set's overview) and `across` (many services side by side).
"""

from laget.competence.selectors.across import (
    STATES,
    ServiceCompetenceRow,
    competence_across_services,
    row_states,
)
from laget.competence.selectors.overview import (
    CompetenceOverview,
    StatusRow,
    competence_overview,
    status_row,
    timeline_dates,
)
from laget.competence.selectors.persons import (
    Evaluated,
    PersonStatus,
    competence_status_for_person,
    covered_staff,
    current_staff,
    evaluate_services,
    persons_by_urgency,
    population_for,
    service_persons,
    status_by_person,
)

__all__ = [
    "STATES",
    "CompetenceOverview",
    "Evaluated",
    "PersonStatus",
    "ServiceCompetenceRow",
    "StatusRow",
    "competence_across_services",
    "competence_overview",
    "competence_status_for_person",
    "covered_staff",
    "current_staff",
    "evaluate_services",
    "persons_by_urgency",
    "population_for",
    "row_states",
    "service_persons",
    "status_by_person",
    "status_row",
    "timeline_dates",
]
