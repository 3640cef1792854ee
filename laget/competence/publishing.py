"""What the competence area publishes outside the services, registered in the publication
layer (`laget.publication.registry`, from `CompetenceConfig.ready`): every service's counts by
status against the requirement, and the protected publication built from them."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np

from laget.publication.registry import Counts


def register() -> None:
    from laget.competence import publication
    from laget.publication import registry

    registry.filler(publication.NAME, competence_counts, version=rule_set_version)
    registry.publication(publication.NAME, publication.build)


def competence_counts(as_of: date) -> Counts:
    """Every service's staff by status against the requirement, by role, path and age band,
    and the timeline (who will meet it by each year-end if plans hold)."""
    from laget.competence import publication as p
    from laget.competence.selectors import evaluate_services, timeline_dates
    from laget.domain.competence import Status
    from laget.organisations.models import Service

    services = list(Service.objects.order_by("pk"))
    evaluated = evaluate_services(services, as_of)  # arrays only: no person is loaded as an object
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


def rule_set_version(day: date) -> str:
    from laget.competence.profiles import rule_set_in_force

    record, _rules = rule_set_in_force(day)
    return record.version
