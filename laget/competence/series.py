"""The competence figures as they were published on earlier dates: the county's and the
nation's time series («Utvikling»), read from `counts.PublishedFigure`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from laget.competence.publication import NAME, SERIES_METRICS, SHARE_DECIMALS, service_unit
from laget.domain.suppression import Figure


@dataclass(frozen=True)
class SeriesPoint:
    day: date
    subject: Figure
    meets: Figure
    share: Figure  # percent


def series(unit: str | None) -> list[SeriesPoint]:
    """The unit's covered staff and those meeting the requirement on each date kept, as they
    were published then (one query)."""
    from laget.publication.models import PublishedFigure

    if unit is None:
        return []
    points: dict[date, dict[str, Figure]] = {}
    for day, metric, value, persons, hidden in (
        PublishedFigure.objects.filter(name=NAME, unit=unit, metric__in=SERIES_METRICS)
        .order_by("end_time")
        .values_list("end_time", "metric", "value", "persons", "hidden")
    ):
        if metric.endswith(".share") and value is not None:
            value *= 100
        points.setdefault(day, {})[metric] = Figure(
            value, persons, hidden, source=f"{day.isoformat()}/{unit}|{metric}"
        )
    missing = Figure(None, 0, True)
    return [
        SeriesPoint(
            day,
            f.get("subject", missing),
            f.get("status.meets", missing),
            f.get("status.meets.share", missing),
        )
        for day, f in points.items()
    ]


#: The published figure whose fall an overview user is told about.
SHARE_MEETS = "status.meets.share"


@dataclass(frozen=True)
class Fallen:
    """The services whose published share meeting the requirement is lower on the latest
    date kept (`day`) than on the one before it (`since`)."""

    since: date | None
    day: date | None
    service_ids: frozenset[int]


def share_fallen(service_ids) -> Fallen:
    """Which of `service_ids` fell between the two latest dates kept, from the figures as they
    were published (a hidden one on either date is never compared): two queries."""
    from laget.publication.models import PublishedFigure

    kept = PublishedFigure.objects.filter(name=NAME, metric=SHARE_MEETS)
    days = list(kept.order_by("-end_time").values_list("end_time", flat=True).distinct()[:2])
    if len(days) < 2:
        return Fallen(None, days[0] if days else None, frozenset())
    day, since = days
    units = {service_unit(pk): pk for pk in service_ids}
    shares: dict[tuple[date, int], float] = {}
    for end_time, unit, value in kept.filter(
        end_time__in=days, unit__in=units, hidden=False, value__isnull=False
    ).values_list("end_time", "unit", "value"):
        if value is not None:
            shares[end_time, units[unit]] = round(value, SHARE_DECIMALS)
    return Fallen(
        since,
        day,
        frozenset(
            pk
            for pk in units.values()
            if (day, pk) in shares and (since, pk) in shares and shares[day, pk] < shares[since, pk]
        ),
    )
