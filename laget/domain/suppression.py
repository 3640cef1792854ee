"""Small-number suppression for aggregates shown outside a service.

No figure that rests on fewer than `min_n` persons may be shown to municipal, county or
national users. A breakdown whose total is shown also needs complementary suppression:
if only one cell were hidden, it could be recovered as total minus the visible cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

MIN_N = 5

Number = int | float | Decimal


@dataclass(frozen=True)
class Figure:
    """A number together with the count of persons it rests on."""

    value: Number | None
    n: int
    suppressed: bool
    #: the protected view's cell it was read from ("" for a figure no protection looked at)
    source: str = ""
    #: False for a figure about services the stored figures were computed before: hidden,
    #: and shown as «ikke beregnet ennå», never as «skjult» (which means protection only)
    computed: bool = True

    @property
    def shown(self) -> Number | None:
        return None if self.suppressed else self.value


def suppress(value: Number | None, n: int, *, min_n: int = MIN_N) -> Figure:
    """Hide `value` when it rests on fewer than `min_n` persons (zero included)."""
    if n < 0:
        raise ValueError("n cannot be negative")
    return Figure(value=value, n=n, suppressed=n < min_n)


def persons_behind(count: int, population: int, *, min_n: int = MIN_N) -> int:
    """The persons a count of persons rests on: the count itself («1 employee is overdue»),
    or, for none of them, the population it is taken from («none of 20» is about no one,
    «none of 3» about each of the three)."""
    if count < 0 or population < 0:
        raise ValueError("counts cannot be negative")
    return count if count else population


def share_of(count: int, population: int, *, min_n: int = MIN_N) -> Figure:
    """The share `count / population` of persons: with the population published, the share
    gives the count back, and the rest of the population too, so it is hidden when either of
    them rests on 1 to `min_n` − 1 persons (and for a population under `min_n`)."""
    rest = population - count
    hidden = population < min_n or 0 < count < min_n or 0 < rest < min_n
    return Figure(
        count / population if population else None, min(count, rest) or population, hidden
    )


def unsuppressed(value: Number | None, n: int) -> Figure:
    """A figure for a user who may see person-level data anyway (the service's own leader)."""
    return Figure(value=value, n=n, suppressed=False)


def suppress_breakdown(
    counts: Mapping[str, int], *, min_n: int = MIN_N, total_shown: bool = True
) -> dict[str, Figure]:
    """Suppress each count below `min_n`, then enough further cells that none can be derived.

    With the total shown, a single hidden cell equals total minus the visible ones, so the
    smallest visible cell is hidden with it. Cells keep their input order.
    """
    figures = {key: suppress(count, count, min_n=min_n) for key, count in counts.items()}
    hidden = [key for key, figure in figures.items() if figure.suppressed]
    if total_shown and len(hidden) == 1 and len(figures) > 1:
        visible = sorted(
            (key for key, figure in figures.items() if not figure.suppressed),
            key=lambda key: (counts[key], key),
        )
        partner = visible[0]
        figures[partner] = Figure(value=counts[partner], n=counts[partner], suppressed=True)
    return figures


def suppress_table(
    table: Mapping[str, Mapping[str, int]], *, min_n: int = MIN_N
) -> dict[str, dict[str, Figure]]:
    """Suppress a two-way table whose row and column totals are shown.

    Primary suppression hides every cell under `min_n`; then, until nothing changes, any row or
    column with exactly one hidden cell hides its smallest visible cell too, so no hidden cell
    equals a shown total minus shown cells.
    """
    hidden = {(r, c) for r, cols in table.items() for c, v in cols.items() if v < min_n}
    columns = list(dict.fromkeys(c for cols in table.values() for c in cols))

    def lines() -> list[list[tuple[str, str]]]:
        by_row = [[(r, c) for c in cols] for r, cols in table.items()]
        by_col = [[(r, c) for r, cols in table.items() if c in cols] for c in columns]
        return [line for line in by_row + by_col if len(line) > 1]

    changed = True
    while changed:
        changed = False
        for line in lines():
            line_hidden = [cell for cell in line if cell in hidden]
            if len(line_hidden) == 1:
                visible = sorted(
                    (cell for cell in line if cell not in hidden),
                    key=lambda rc: (table[rc[0]][rc[1]], rc),
                )
                hidden.add(visible[0])
                changed = True
    return {
        r: {c: Figure(value=v, n=v, suppressed=(r, c) in hidden) for c, v in cols.items()}
        for r, cols in table.items()
    }


#: The dominance rule for magnitudes: a total is hidden when its `DOMINANCE_N` largest
#: contributions make more than `DOMINANCE_K` of it. Laget's own choice of parameters, in the
#: form of the (n, k) rule statistics offices apply to magnitude tables (tau-Argus's
#: «dominance rule»): the two largest contributors could each estimate the other's share.
DOMINANCE_N = 2
DOMINANCE_K = 0.85


def dominated(
    contributions: Iterable[Number], *, n: int = DOMINANCE_N, k: float = DOMINANCE_K
) -> bool:
    """Whether the `n` largest contributions make more than `k` of the total (a total of
    zero, or of negative parts, is dominated by nobody)."""
    values = sorted((float(v) for v in contributions), reverse=True)
    if any(v < 0 for v in values):
        raise ValueError("a contribution cannot be negative")
    total = sum(values)
    return total > 0 and sum(values[:n]) > k * total


def suppress_magnitude(
    value: Number | None, contributions: Iterable[Number], *, min_n: int = MIN_N
) -> Figure:
    """A magnitude (a sum of what persons contribute, or a mean or share of it): hidden below
    `min_n` contributors, and when a few of them dominate it (`dominated`)."""
    values = list(contributions)
    figure = suppress(value, len(values), min_n=min_n)
    if not figure.suppressed and dominated(values):
        return Figure(value, len(values), True)
    return figure
