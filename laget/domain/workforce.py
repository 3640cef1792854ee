"""Workforce metrics from the employment register, with no database.

The register is a list of employment periods (person, service, role category, FTE, first and
last day). Every metric is computed the way the official statistics compute it and carries the
key of its definition in `DEFINITIONS`, so a page or a report can say what a figure means.

The computations are vectorised with numpy over the whole register at once, grouped by a label
per period (the service by default, or service and role category), so the nation's 72,000
staff with ten years of history take the same code path as a service of three.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

import numpy as np

from laget.domain.register import Grouping, Period, Register

MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip


def turnover_definition(reference: tuple[int, int] = (12, 1)) -> str:
    """What «sluttet i tjenesten» counts, with the reference date (month, day) the figures are
    computed with: the one text the pages, the report, the export and the glossary show."""
    month, day = reference
    when = f"{day}. {MONTHS[month - 1]}"
    return (
        "Sluttet i tjenesten (turnover): andelen av dem som var ansatt i tjenesten på "
        f"referansedatoen ({when}) året før, som ikke lenger er ansatt i tjenesten på "
        "referansedatoen i år. Den som slutter og kommer tilbake før neste referansedato, "
        "regnes ikke som sluttet; den som går til en annen barneverntjeneste, har sluttet i "
        "denne. Etter rollekategori: rollen på den første referansedatoen. Formen er KS' "
        "(«andelen arbeidstakere som fra ett år til det neste har sluttet å jobbe i "
        "tjenesten»), men tallet er tjenestens eget. KS' tall for hele landet (omtrent 20 % i "
        "kartleggingen av kompetansebehov 2022) teller bare dem som slutter i kommunalt "
        "barnevern samlet sett, og SSBs 30 % dem som slutter i kommunen; de måler ikke det "
        "samme som tjenestens tall. Hvor mange som gikk til en annen barneverntjeneste, står "
        "ved tallet der sluttsamtalene har spurt om det."
    )


def definitions(reference: tuple[int, int] = (12, 1)) -> dict[str, str]:
    """Every workforce figure's definition, with the turnover reference date in use."""
    return {**DEFINITIONS, "turnover_ks": turnover_definition(reference)}


DEFINITIONS: dict[str, str] = {
    "turnover_ks": turnover_definition(),
    "flows": (
        "Tilganger og avganger: en tilgang er en person som begynner i tjenesten uten å ha vært "
        "ansatt dagen før; en avgang er en person som slutter og ikke er ansatt dagen etter, "
        "talt over kalenderåret. Laget viser ingen «gjennomtrekk» regnet av dem: ingen av "
        "kildene Laget bygger på, definerer et slikt mål for barneverntjenestene."
    ),
    "early_leavers": (
        "Tidlig avgang: andelen av dem som ble ansatt i perioden, som sluttet innen 12 måneder "
        "(365 dager) eller 24 måneder (730 dager). Bare de som ble ansatt så lenge siden at "
        "svaret er kjent, teller med."
    ),
    "headcount": "Antall ansatte: personer med et ansettelsesforhold i tjenesten på datoen.",
    "fte": "Årsverk: summen av stillingsprosentene på datoen delt på 100.",
    "tenure": (
        "Ansiennitet: gjennomsnittlig sammenhengende tid i tjenesten for dem som er ansatt på "
        "datoen, i år."
    ),
    "age_bands": "Alder: alder ved utgangen av året for dem som er ansatt på datoen.",
}

YEAR_DAYS = 365
AGE_BANDS = ("under 30", "30–39", "40–49", "50–59", "60 og over", "ukjent")


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Turnover:
    """Leavers among those employed on one reference date who are gone on the next."""

    at_start: int
    leavers: int
    definition: str = "turnover_ks"

    @property
    def rate(self) -> float | None:
        return self.leavers / self.at_start if self.at_start else None

    @property
    def n(self) -> int:
        return self.at_start

    def __add__(self, other: Turnover) -> Turnover:
        return Turnover(self.at_start + other.at_start, self.leavers + other.leavers)


@dataclass(frozen=True)
class Churn:
    """Flows in and out over a period (hires and separations; `rate` is kept for the stored
    counts, but no page shows it: no source defines it for the services)."""

    headcount_start: int
    headcount_end: int
    hires: int
    separations: int
    definition: str = "flows"

    @property
    def net_change(self) -> int:
        return self.headcount_end - self.headcount_start

    @property
    def average_headcount(self) -> float:
        return (self.headcount_start + self.headcount_end) / 2

    @property
    def rate(self) -> float | None:
        if not self.average_headcount:
            return None
        return (self.hires + self.separations - abs(self.net_change)) / self.average_headcount

    @property
    def n(self) -> int:
        return max(self.headcount_start, self.headcount_end)

    def __add__(self, other: Churn) -> Churn:
        return Churn(
            self.headcount_start + other.headcount_start,
            self.headcount_end + other.headcount_end,
            self.hires + other.hires,
            self.separations + other.separations,
        )


@dataclass(frozen=True)
class EarlyLeavers:
    """New hires in a period, and how many of those observable long enough left early."""

    hires: int
    observed_12: int
    left_12: int
    observed_24: int
    left_24: int
    definition: str = "early_leavers"

    @property
    def rate_12(self) -> float | None:
        return self.left_12 / self.observed_12 if self.observed_12 else None

    @property
    def rate_24(self) -> float | None:
        return self.left_24 / self.observed_24 if self.observed_24 else None

    def __add__(self, other: EarlyLeavers) -> EarlyLeavers:
        return EarlyLeavers(
            self.hires + other.hires,
            self.observed_12 + other.observed_12,
            self.left_12 + other.left_12,
            self.observed_24 + other.observed_24,
            self.left_24 + other.left_24,
        )


@dataclass(frozen=True)
class Snapshot:
    """The staff on one day: persons, FTE, tenure and age."""

    headcount: int
    fte: float
    tenure_years_total: float  # summed over persons, so snapshots add up
    age_bands: tuple[int, ...]  # counts in AGE_BANDS order

    @property
    def tenure_years(self) -> float | None:
        return self.tenure_years_total / self.headcount if self.headcount else None

    @property
    def n(self) -> int:
        return self.headcount

    def __add__(self, other: Snapshot) -> Snapshot:
        return Snapshot(
            self.headcount + other.headcount,
            self.fte + other.fte,
            self.tenure_years_total + other.tenure_years_total,
            tuple(a + b for a, b in zip(self.age_bands, other.age_bands, strict=True)),
        )


def _count(labels: np.ndarray, size: int, mask: np.ndarray | None = None) -> np.ndarray:
    return np.bincount(labels if mask is None else labels[mask], minlength=size)


# ---------------------------------------------------------------------------------------------
# The metrics


def turnover_between(
    register: Register, first: date, second: date, grouping: Grouping | None = None
) -> dict:
    """KS turnover per label between two reference dates."""
    grouping = grouping or register.by_group
    size = len(grouping.keys)
    d0, d1 = first.toordinal(), second.toordinal()
    m0 = (register.start <= d0) & (register.end >= d0)
    m1 = (register.start <= d1) & (register.end >= d1)
    keys0, first_rows = np.unique(register.key[m0], return_index=True)
    labels0 = grouping.labels[m0][first_rows]
    gone = ~np.isin(keys0, register.key[m1])
    at_start, leavers = _count(labels0, size), _count(labels0, size, gone)
    return {key: Turnover(int(at_start[i]), int(leavers[i])) for i, key in enumerate(grouping.keys)}


def reference_date(year: int, month: int = 12, day: int = 1) -> date:
    return date(year, month, day)


def turnover_ks_years(
    register: Register,
    years: Iterable[int],
    grouping: Grouping | None = None,
    *,
    reference_month: int = 12,
    reference_day: int = 1,
) -> dict[int, dict]:
    """KS turnover for each year: from the reference date of year-1 to that of the year."""
    return {
        year: turnover_between(
            register,
            reference_date(year - 1, reference_month, reference_day),
            reference_date(year, reference_month, reference_day),
            grouping,
        )
        for year in years
    }


def churn_between(
    register: Register, first: date, last: date, grouping: Grouping | None = None
) -> dict:
    """Gjennomtrekk per label over the days first..last (both included)."""
    grouping = grouping or register.by_group
    size = len(grouping.keys)
    spells = grouping.spells
    a, b = first.toordinal(), last.toordinal()
    before = (spells.start <= a - 1) & (spells.end >= a - 1)
    after = (spells.start <= b) & (spells.end >= b)
    hires = (spells.start >= a) & (spells.start <= b)
    separations = (spells.end >= a - 1) & (spells.end <= b - 1)
    counts = [_count(spells.label, size, m) for m in (before, after, hires, separations)]
    before_n, after_n, hires_n, separations_n = counts
    return {
        key: Churn(int(before_n[i]), int(after_n[i]), int(hires_n[i]), int(separations_n[i]))
        for i, key in enumerate(grouping.keys)
    }


def early_leavers_between(
    register: Register,
    first: date,
    last: date,
    today: date,
    grouping: Grouping | None = None,
) -> dict:
    """Hires in first..last, and the share of them who left within 12 and 24 months."""
    grouping = grouping or register.by_group
    size = len(grouping.keys)
    spells = grouping.spells
    a, b, now = first.toordinal(), last.toordinal(), today.toordinal()
    hired = (spells.start >= a) & (spells.start <= b)
    counts = [_count(spells.label, size, hired)]
    for years in (1, 2):
        limit = spells.start + years * YEAR_DAYS
        observed = hired & (limit <= now)
        left = observed & (spells.end < limit)
        counts += [_count(spells.label, size, observed), _count(spells.label, size, left)]
    hired_n, observed_12, left_12, observed_24, left_24 = counts
    return {
        key: EarlyLeavers(
            int(hired_n[i]),
            int(observed_12[i]),
            int(left_12[i]),
            int(observed_24[i]),
            int(left_24[i]),
        )
        for i, key in enumerate(grouping.keys)
    }


def snapshot(register: Register, day: date, grouping: Grouping | None = None) -> dict:
    """Headcount, FTE, tenure and age bands per label on `day`."""
    grouping = grouping or register.by_group
    size = len(grouping.keys)
    d = day.toordinal()
    active = (register.start <= d) & (register.end >= d)
    fte = np.bincount(grouping.labels[active], weights=register.fte[active], minlength=size) / 100
    _, first_rows = np.unique(
        register.key[active] * size + grouping.labels[active], return_index=True
    )
    labels = grouping.labels[active][first_rows]
    headcount = _count(labels, size)
    births = register.birth_year[active][first_rows]
    ages = np.where(births > 0, day.year - births, 0)
    bands = np.minimum(np.maximum((ages - 20) // 10, 0), 4)
    bands = np.where(births > 0, bands, 5)
    band_counts = np.zeros((size, len(AGE_BANDS)), dtype=np.int64)
    np.add.at(band_counts, (labels, bands), 1)
    spells = grouping.spells
    current = (spells.start <= d) & (spells.end >= d)
    tenure = np.bincount(
        spells.label[current], weights=(d - spells.start[current] + 1) / 365.25, minlength=size
    )
    return {
        key: Snapshot(
            int(headcount[i]),
            float(fte[i]),
            float(tenure[i]),
            tuple(int(x) for x in band_counts[i]),
        )
        for i, key in enumerate(grouping.keys)
    }


class _Addable(Protocol):
    def __add__(self: _A, other: _A) -> _A: ...


_A = TypeVar("_A", bound=_Addable)


def total(results: Iterable[_A]) -> _A | None:
    """The sum of results of one kind (pooled counts, not an average of rates)."""
    items = list(results)
    if not items:
        return None
    pooled = items[0]
    for item in items[1:]:
        pooled = pooled + item
    return pooled


# ---------------------------------------------------------------------------------------------
# The simple forms kept for the projection and for readable tests


def turnover_ks(
    periods: list[Period], year: int, *, reference_month: int = 12, reference_day: int = 1
) -> Turnover:
    """KS turnover of one service (all periods one group) for one year."""
    results = turnover_ks_years(
        Register(periods),
        [year],
        reference_month=reference_month,
        reference_day=reference_day,
    )[year]
    return total(results.values()) or Turnover(0, 0)


def pooled_turnover(periods: list[Period], years: Iterable[int]) -> Turnover:
    """Turnover over several years pooled: all leavers over all persons at risk."""
    register = Register(periods)
    by_year = turnover_ks_years(register, years)
    return total(r for results in by_year.values() for r in results.values()) or Turnover(0, 0)


def calendar_year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)
