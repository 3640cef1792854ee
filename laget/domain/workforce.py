"""Workforce metrics that need no database. Turnover by the KS definition now; the rest of
issue 5's metrics (churn, early leavers, sick leave) will join it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    person_id: int
    start: date
    end: date | None  # last day; None while employed


@dataclass(frozen=True)
class Turnover:
    """Leavers among those employed on one reference date who are gone on the next."""

    at_start: int
    leavers: int

    @property
    def rate(self) -> float | None:
        return self.leavers / self.at_start if self.at_start else None


def _employed(periods: Iterable[Period], day: date) -> set[int]:
    return {p.person_id for p in periods if p.start <= day and (p.end is None or p.end >= day)}


def turnover_ks(
    periods: list[Period], year: int, *, reference_month: int = 12, reference_day: int = 1
) -> Turnover:
    """KS definition: the share of persons employed in the service on the reference date of
    year-1 who are no longer employed in it on the reference date of `year` (default 1 December).
    A person who leaves and comes back before the second date is not a leaver."""
    before = _employed(periods, date(year - 1, reference_month, reference_day))
    after = _employed(periods, date(year, reference_month, reference_day))
    return Turnover(at_start=len(before), leavers=len(before - after))


def pooled_turnover(periods: list[Period], years: Iterable[int]) -> Turnover:
    """Turnover over several years pooled: all leavers over all persons at risk."""
    results = [turnover_ks(periods, year) for year in years]
    return Turnover(sum(r.at_start for r in results), sum(r.leavers for r in results))
