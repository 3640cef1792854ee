"""The competence figures as they were published on earlier dates: the county's and the
nation's time series («Utvikling»), read from `counts.PublishedFigure`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from laget.competence.publication import NAME, SERIES_METRICS
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
    from laget.counts.models import PublishedFigure

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
