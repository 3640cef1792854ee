"""Sick-leave rates from the monthly aggregates HR/payroll delivers: per month, quarter and
year as summed lost days over summed agreed days, the rolling 12 months, and several services
or units together. No Django, no person-level absence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from laget.domain.workforce import total

DEFINITIONS = {
    "sick_leave": (
        "Sykefravær: tapte dagsverk (egenmeldt + legemeldt) i prosent av avtalte dagsverk, som "
        "i SSBs og KS' sykefraværsstatistikk. Kvartal og år er summen av dagsverkene, ikke et "
        "snitt av månedene; trenden er glidende 12 måneder."
    ),
}


@dataclass(frozen=True)
class SickLeave:
    """Days for a month, quarter or year; rates are summed days over summed agreed days."""

    agreed_days: float
    self_certified_days: float
    doctor_certified_days: float
    persons: int
    short_term_days: float | None = None
    long_term_days: float | None = None
    definition: str = "sick_leave"

    @property
    def lost_days(self) -> float:
        return self.self_certified_days + self.doctor_certified_days

    @property
    def rate(self) -> float | None:
        return self.lost_days / self.agreed_days if self.agreed_days else None

    @property
    def self_certified_rate(self) -> float | None:
        return self.self_certified_days / self.agreed_days if self.agreed_days else None

    @property
    def doctor_certified_rate(self) -> float | None:
        return self.doctor_certified_days / self.agreed_days if self.agreed_days else None

    @property
    def n(self) -> int:
        return self.persons

    def __add__(self, other: SickLeave) -> SickLeave:
        def both(a: float | None, b: float | None) -> float | None:
            return None if a is None or b is None else a + b

        return SickLeave(
            self.agreed_days + other.agreed_days,
            self.self_certified_days + other.self_certified_days,
            self.doctor_certified_days + other.doctor_certified_days,
            # persons in a period: the largest monthly count (months are the same people)
            max(self.persons, other.persons),
            both(self.short_term_days, other.short_term_days),
            both(self.long_term_days, other.long_term_days),
        )


def side_by_side(figures: Iterable[SickLeave]) -> SickLeave:
    """Several services or units in the same month: everything adds up, persons too."""
    items = list(figures)

    def optional(values: list[float | None]) -> float | None:
        return None if any(v is None for v in values) else sum(v for v in values if v is not None)

    return SickLeave(
        sum(f.agreed_days for f in items),
        sum(f.self_certified_days for f in items),
        sum(f.doctor_certified_days for f in items),
        sum(f.persons for f in items),
        optional([f.short_term_days for f in items]),
        optional([f.long_term_days for f in items]),
    )


def sick_leave_by(months: dict[date, SickLeave], period: str) -> dict[str, SickLeave]:
    """Monthly figures summed by 'month' (2026-03), 'quarter' (2026-K1) or 'year' (2026)."""

    def label(month: date) -> str:
        if period == "month":
            return f"{month.year}-{month.month:02d}"
        if period == "quarter":
            return f"{month.year}-K{(month.month - 1) // 3 + 1}"
        if period == "year":
            return str(month.year)
        raise ValueError(f"unknown period {period!r}")

    result: dict[str, SickLeave] = {}
    for month in sorted(months):
        key = label(month)
        result[key] = result[key] + months[month] if key in result else months[month]
    return result


def rolling_twelve_months(months: dict[date, SickLeave]) -> dict[date, float | None]:
    """For each month with eleven months before it on record: the rate over those 12 months."""
    result: dict[date, float | None] = {}
    for month in sorted(months):
        window = [_month_back(month, k) for k in range(12)]
        if all(m in months for m in window):
            pooled = total(months[m] for m in window)
            result[month] = pooled.rate if pooled else None
    return result


def _month_back(month: date, k: int) -> date:
    index = month.year * 12 + month.month - 1 - k
    return date(index // 12, index % 12 + 1, 1)
