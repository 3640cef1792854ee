"""Recruitment figures: vacancies open on a day and the time it takes to fill them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

DEFINITIONS = {
    "time_to_fill": (
        "Tid til besatt: dager fra utlysning til stillingen ble besatt (median); "
        "stillinger som ikke er besatt ennå, teller ikke med."
    ),
}


@dataclass(frozen=True)
class VacancySpan:
    advertised: date
    filled: date | None
    closed: date | None = None  # withdrawn without a hire


def open_vacancies(vacancies: Iterable[VacancySpan], day: date) -> int:
    """Vacancies advertised by `day` and neither filled nor closed before it."""
    return sum(
        1
        for v in vacancies
        if v.advertised <= day
        and (v.filled is None or v.filled > day)
        and (v.closed is None or v.closed > day)
    )


def median_days_to_fill(vacancies: Iterable[VacancySpan]) -> tuple[float | None, int]:
    """The median days from advertised to filled, and how many filled vacancies it rests on."""
    days = sorted((v.filled - v.advertised).days for v in vacancies if v.filled is not None)
    if not days:
        return None, 0
    return float(np.median(days)), len(days)
