"""Who is under an exemption from the requirement on a day (`models.Exemption`): a person's
own exemption, or one for the position they hold in the service."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from laget.competence.models import Exemption
from laget.people.models import Employment


def in_force(service_ids: Iterable[int], today: date):
    return Exemption.objects.filter(
        service__in=list(service_ids), valid_from__lte=today, valid_until__gte=today
    )


def exempt_until(service_ids: Iterable[int], today: date) -> dict[int, date]:
    """Person id -> the last day of the exemption covering them today, for the current staff
    of the services (two queries)."""
    ids = list(service_ids)
    until: dict[int, date] = {}
    positions: dict[tuple[int, str], date] = {}
    for person_id, service_id, title, last in in_force(ids, today).values_list(
        "person_id", "service_id", "position_title", "valid_until"
    ):
        if person_id is not None:
            until[person_id] = max(last, until.get(person_id, last))
        else:
            key = (service_id, title.strip().casefold())
            positions[key] = max(last, positions.get(key, last))
    current = Employment.objects.active_on(today).filter(service__in=ids)
    if positions:
        for person_id, service_id, title in current.values_list(
            "person_id", "service_id", "position_title"
        ):
            last = positions.get((service_id, title.strip().casefold()))
            if last is not None:
                until[person_id] = max(last, until.get(person_id, last))
    if until:  # only those employed in the services now
        employed = set(current.filter(person__in=list(until)).values_list("person_id", flat=True))
        until = {pk: day for pk, day in until.items() if pk in employed}
    return until
