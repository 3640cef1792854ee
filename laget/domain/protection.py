"""Protection of a published view as a whole: primary and secondary suppression, and the audit
that attacks it.

A figure that rests on fewer than five persons must not leave a service, and must not be
workable out from anything else published about the same people at the same date: totals,
another table of the same people, a share whose denominator is shown, a chart drawn from a
table. So protection is a property of the view, not of a cell. A `View` holds its cells (value
and the persons each rests on) and the relations between them (a total is the sum of its parts;
a share is its numerator over its denominator, published rounded). `protect` hides every cell
under the threshold, then hides further cells until `audit` — the attacker's best effort,
two linear programmes per hidden cell in the manner of tau-Argus's audit — can only place each
hidden count in an interval at least `min_n` wide, so nobody can tell whether it is below the
threshold.

Pure Python with numpy and scipy; no Django. The pages, charts, exports and reports describe
what they publish as a `View`, protect it once, and render only what it lets through.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

MIN_N = 5


@dataclass(frozen=True)
class Cell:
    """A published figure: its value and the number of persons it rests on."""

    value: float
    persons: int


@dataclass(frozen=True)
class Sum:
    """`total` equals the sum of `parts` (a table's margin, a total over services, two tables
    of the same people sharing a total, a chart's bars adding up to a shown total)."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Share:
    """`key` is `numerator / denominator`, published rounded to `decimals` decimals of the
    fraction (a percentage with one decimal is three decimals of the fraction)."""

    key: str
    numerator: str
    denominator: str
    decimals: int = 3


@dataclass
class View:
    """Everything one user can see about the same people at the same date."""

    cells: dict[str, Cell] = field(default_factory=dict)
    sums: list[Sum] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)

    def add(self, key: str, value: float, persons: int | None = None) -> str:
        """A count rests on itself; anything else names the persons it rests on."""
        if key in self.cells:
            raise ValueError(f"cell {key!r} twice")
        if persons is None:
            persons = int(value)
        if persons < 0:
            raise ValueError(f"cell {key!r}: persons cannot be negative")
        self.cells[key] = Cell(float(value), persons)
        return key

    def total(self, total: str, parts: Iterable[str]) -> None:
        self.sums.append(Sum(total, tuple(parts)))

    def share(self, key: str, numerator: str, denominator: str, decimals: int = 3) -> None:
        num, den = self.cells[numerator].value, self.cells[denominator].value
        value = num / den if den else 0.0
        self.cells[key] = Cell(value, self.cells[numerator].persons)
        self.shares.append(Share(key, numerator, denominator, decimals))

    def merge(self, other: View, prefix: str = "") -> None:
        """Another view of the same people (another page, an export, a chart) joins this one."""
        for key, cell in other.cells.items():
            self.cells.setdefault(prefix + key, cell)
        self.sums += [Sum(prefix + s.total, tuple(prefix + p for p in s.parts)) for s in other.sums]
        self.shares += [
            Share(prefix + s.key, prefix + s.numerator, prefix + s.denominator, s.decimals)
            for s in other.shares
        ]

    def check(self) -> None:
        """The relations hold for the true values (a view that contradicts itself is a bug)."""
        for relation in self.sums:
            parts = sum(self.cells[p].value for p in relation.parts)
            if not math.isclose(self.cells[relation.total].value, parts, abs_tol=1e-6):
                raise ValueError(f"{relation.total} is not the sum of {relation.parts}")


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


@dataclass(frozen=True)
class Protected:
    view: View
    hidden: frozenset[str]
    min_n: int

    def shown(self, key: str) -> float | None:
        """The value to publish, or None for «skjult»."""
        return None if key in self.hidden else self.view.cells[key].value

    @property
    def primary(self) -> frozenset[str]:
        return frozenset(k for k, c in self.view.cells.items() if c.persons < self.min_n)


# The audit ------------------------------------------------------------------------------


def audit(view: View, hidden: Iterable[str], *, min_n: int = MIN_N) -> dict[str, Interval]:
    """For each hidden cell resting on persons, the interval an attacker can derive from every
    published figure and relation: minimise and maximise it subject to the sums, the published
    shares (with their rounding) and every figure being at least zero."""
    hidden = set(hidden)
    keys = list(view.cells)
    index = {key: i for i, key in enumerate(keys)}
    bounds = [
        (0.0, None) if key in hidden else (view.cells[key].value, view.cells[key].value)
        for key in keys
    ]
    a_eq, b_eq = [], []
    for relation in view.sums:
        row = np.zeros(len(keys))
        row[index[relation.total]] = 1.0
        for part in relation.parts:
            row[index[part]] -= 1.0
        a_eq.append(row)
        b_eq.append(0.0)
    a_ub, b_ub = [], []
    for share in view.shares:
        if share.key in hidden:
            continue
        half = 0.5 * 10.0**-share.decimals
        shown = view.cells[share.key].value
        low, high = round(shown, share.decimals) - half, round(shown, share.decimals) + half
        # numerator ≥ low × denominator, numerator ≤ high × denominator
        row = np.zeros(len(keys))
        row[index[share.numerator]], row[index[share.denominator]] = -1.0, low
        a_ub.append(row)
        b_ub.append(0.0)
        row = np.zeros(len(keys))
        row[index[share.numerator]], row[index[share.denominator]] = 1.0, -high
        a_ub.append(row)
        b_ub.append(0.0)
    share_keys = {share.key for share in view.shares}
    intervals: dict[str, Interval] = {}
    for key in sorted(hidden - share_keys):
        objective = np.zeros(len(keys))
        objective[index[key]] = 1.0
        ends = []
        for sign in (1.0, -1.0):
            result = linprog(
                sign * objective,
                A_ub=np.array(a_ub) if a_ub else None,
                b_ub=np.array(b_ub) if b_ub else None,
                A_eq=np.array(a_eq) if a_eq else None,
                b_eq=np.array(b_eq) if b_eq else None,
                bounds=bounds,
                method="highs",
            )
            if result.status == 3:  # unbounded
                ends.append(math.inf if sign < 0 else 0.0)
            elif result.status != 0:
                raise ValueError(f"audit of {key!r} failed: {result.message}")
            else:
                ends.append(sign * result.fun)
        intervals[key] = Interval(ends[0], ends[1])
    return intervals


def _exposed(view: View, hidden: set[str], min_n: int) -> list[str]:
    intervals = audit(view, hidden, min_n=min_n)
    return sorted(
        (key for key, interval in intervals.items() if interval.width < min_n - 1e-9),
        key=lambda key: intervals[key].width,
    )


# Protection -----------------------------------------------------------------------------


def _neighbours(view: View, key: str) -> set[str]:
    """Cells that appear in a relation with `key`."""
    found: set[str] = set()
    for relation in view.sums:
        members = {relation.total, *relation.parts}
        if key in members:
            found |= members
    for share in view.shares:
        members = {share.key, share.numerator, share.denominator}
        if key in members:
            found |= members
    return found - {key}


def _hide_shares(view: View, hidden: set[str]) -> None:
    """A share goes with its numerator and denominator: shown with one of them hidden, it
    reveals the other."""
    for share in view.shares:
        if share.numerator in hidden or share.denominator in hidden:
            hidden.add(share.key)


def protect(view: View, *, min_n: int = MIN_N) -> Protected:
    """Primary suppression (fewer than `min_n` persons), then secondary suppression until the
    audit finds every hidden count at least `min_n` wide. Cells are added from the relations of
    the cell the audit found exposed, parts before totals and smallest first, so little is
    lost; the search ends, since every round hides one more cell."""
    view.check()
    hidden = {key for key, cell in view.cells.items() if cell.persons < min_n}
    _hide_shares(view, hidden)
    totals = {relation.total for relation in view.sums}
    while exposed := _exposed(view, hidden, min_n):
        target = exposed[0]
        # Visible cells reachable from the exposed one through relations, crossing only hidden
        # cells: parts before totals, nearer before farther, smaller before larger.
        ranked: dict[str, tuple] = {}
        frontier, seen, level = {target}, {target}, 0
        while frontier:
            reach = set().union(*(_neighbours(view, k) for k in frontier)) - seen
            seen |= reach
            for k in reach - hidden:
                ranked[k] = (k in totals, level, view.cells[k].value, k)
            frontier = reach & hidden
            level += 1
        candidates = sorted(ranked, key=ranked.__getitem__)
        if not candidates:
            raise ValueError(f"{target!r} cannot be protected")
        # The smallest partner that settles the exposed cell on its own, else the smallest.
        chosen = next(
            (k for k in candidates if target not in _exposed(view, _with(hidden, k, view), min_n)),
            candidates[0],
        )
        hidden = _with(hidden, chosen, view)
    return Protected(view=view, hidden=frozenset(hidden), min_n=min_n)


def _with(hidden: set[str], key: str, view: View) -> set[str]:
    more = {*hidden, key}
    _hide_shares(view, more)
    return more


def narrowest(intervals: Mapping[str, Interval]) -> float:
    """The narrowest interval an attacker found (infinite when nothing was hidden)."""
    return min((i.width for i in intervals.values()), default=math.inf)
