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
#: How many partners the protection tries before it takes the best by rank.
CANDIDATES_TRIED = 6


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


def audit(
    view: View, hidden: Iterable[str], *, min_n: int = MIN_N, only: Iterable[str] | None = None
) -> dict[str, Interval]:
    """For each hidden cell, the interval an attacker can derive from every published figure
    and relation: minimise and maximise it subject to the sums, the published shares (with
    their rounding) and every figure being at least zero.

    Shown cells are constants, so each programme has only the hidden cells as unknowns, and
    is solved per group of hidden cells that share a relation (nothing links the groups).
    `only`: the intervals of these hidden cells alone (a step of the protection)."""
    hidden = set(hidden)
    wanted = set(only) & hidden if only is not None else hidden
    share_keys = {share.key for share in view.shares}
    rows: list[tuple[dict[str, float], float, bool]] = []  # (coefficients, rhs, is_equality)
    for relation in view.sums:
        coefficients: dict[str, float] = {}
        constant = 0.0
        for key, sign in [(relation.total, 1.0)] + [(part, -1.0) for part in relation.parts]:
            if key in hidden:
                coefficients[key] = coefficients.get(key, 0.0) + sign
            else:
                constant += sign * view.cells[key].value
        if coefficients:
            rows.append((coefficients, -constant, True))
    for share in view.shares:
        if share.key in hidden:
            continue
        half = 0.5 * 10.0**-share.decimals
        shown = round(view.cells[share.key].value, share.decimals)
        for ratio, sign in ((shown - half, -1.0), (shown + half, 1.0)):
            # sign × (numerator − ratio × denominator) ≤ 0
            coefficients, constant = {}, 0.0
            for key, factor in ((share.numerator, sign), (share.denominator, -sign * ratio)):
                if key in hidden:
                    coefficients[key] = coefficients.get(key, 0.0) + factor
                else:
                    constant += factor * view.cells[key].value
            if coefficients:
                rows.append((coefficients, -constant, False))
    intervals: dict[str, Interval] = {}
    for group in _groups(hidden, rows):
        if not group & wanted:
            continue
        keys = sorted(group)
        index = {key: i for i, key in enumerate(keys)}
        a_eq: list[np.ndarray] = []
        a_ub: list[np.ndarray] = []
        b_eq: list[float] = []
        b_ub: list[float] = []
        for coefficients, rhs, equality in rows:
            if not coefficients.keys() & group:
                continue
            row = np.zeros(len(keys))
            for key, value in coefficients.items():
                row[index[key]] = value
            (a_eq if equality else a_ub).append(row)
            (b_eq if equality else b_ub).append(rhs)
        for key in keys:
            if key in share_keys or key not in wanted:
                continue
            intervals[key] = _interval(index[key], len(keys), a_eq, b_eq, a_ub, b_ub)
    return intervals


def _groups(hidden: set[str], rows: list[tuple[dict[str, float], float, bool]]) -> list[set[str]]:
    """Hidden cells joined by a relation they share (union–find)."""
    parent = {key: key for key in hidden}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for coefficients, _rhs, _equality in rows:
        keys = list(coefficients)
        for other in keys[1:]:
            parent[root(other)] = root(keys[0])
    groups: dict[str, set[str]] = {}
    for key in hidden:
        groups.setdefault(root(key), set()).add(key)
    return list(groups.values())


def _interval(
    position: int,
    size: int,
    a_eq: list[np.ndarray],
    b_eq: list[float],
    a_ub: list[np.ndarray],
    b_ub: list[float],
) -> Interval:
    objective = np.zeros(size)
    objective[position] = 1.0
    ends = []
    for sign in (1.0, -1.0):
        result = linprog(
            sign * objective,
            A_ub=np.array(a_ub) if a_ub else None,
            b_ub=np.array(b_ub) if b_ub else None,
            A_eq=np.array(a_eq) if a_eq else None,
            b_eq=np.array(b_eq) if b_eq else None,
            bounds=[(0.0, None)] * size,
            method="highs",
        )
        if result.status == 3:  # unbounded: only the maximum can be
            ends.append(math.inf)
        elif result.status != 0:
            raise ValueError(f"the audit's linear programme failed: {result.message}")
        else:
            ends.append(sign * result.fun)
    return Interval(ends[0], ends[1])


# Protection -----------------------------------------------------------------------------


def _links(view: View) -> dict[str, set[str]]:
    """For each cell, the cells that appear in a relation with it."""
    links: dict[str, set[str]] = {key: set() for key in view.cells}
    groups = [{r.total, *r.parts} for r in view.sums]
    groups += [{s.key, s.numerator, s.denominator} for s in view.shares]
    for members in groups:
        for key in members:
            links[key] |= members - {key}
    return links


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
    links = _links(view)
    _close_sums(view, hidden, totals)
    intervals = audit(view, hidden, min_n=min_n)
    while exposed := sorted(
        (k for k, i in intervals.items() if k in hidden and i.width < min_n - 1e-9),
        key=lambda k: (intervals[k].width, k),
    ):
        target = exposed[0]
        # Visible cells reachable from the exposed one through relations, crossing only hidden
        # cells: parts before totals, nearer before farther, smaller before larger.
        ranked: dict[str, tuple] = {}
        frontier, seen, level = {target}, {target}, 0
        while frontier:
            reach = set().union(*(links[k] for k in frontier)) - seen
            seen |= reach
            for k in reach - hidden:
                ranked[k] = (k in totals, level, view.cells[k].value, k)
            frontier = reach & hidden
            level += 1
        candidates = sorted(ranked, key=ranked.__getitem__)
        if not candidates:
            raise ValueError(f"{target!r} cannot be protected")
        # The first few partners are tried: the best that settles the exposed cell on its
        # own, else the best.
        chosen = next(
            (
                k
                for k in candidates[:CANDIDATES_TRIED]
                if audit(view, _with(hidden, k, view), min_n=min_n, only=[target])[target].width
                >= min_n - 1e-9
            ),
            candidates[0],
        )
        hidden = _with(hidden, chosen, view)
        # Only the group the new cell joined can have changed.
        intervals.update(audit(view, hidden, min_n=min_n, only=_group_of(links, hidden, chosen)))
    return Protected(view=view, hidden=frozenset(hidden), min_n=min_n)


def _close_sums(view: View, hidden: set[str], totals: set[str]) -> None:
    """The cheap part first: no sum may have exactly one hidden member (it would be the total
    minus the rest). The audit then only has to settle what subtraction across several
    relations can still find."""
    changed = True
    while changed:
        changed = False
        for relation in view.sums:
            members = [relation.total, *relation.parts]
            if sum(m in hidden for m in members) != 1:
                continue
            visible = [m for m in members if m not in hidden]
            if not visible:
                continue
            partner = min(visible, key=lambda k: (k in totals, view.cells[k].value, k))
            hidden.add(partner)
            _hide_shares(view, hidden)
            changed = True


def _group_of(links: dict[str, set[str]], hidden: set[str], key: str) -> set[str]:
    """The hidden cells linked to `key` through relations among hidden cells."""
    group, frontier = {key}, {key}
    while frontier:
        frontier = set().union(*(links[k] for k in frontier)) & hidden - group
        group |= frontier
    return group


def _with(hidden: set[str], key: str, view: View) -> set[str]:
    more = {*hidden, key}
    _hide_shares(view, more)
    return more


def narrowest(intervals: Mapping[str, Interval]) -> float:
    """The narrowest interval an attacker found (infinite when nothing was hidden)."""
    return min((i.width for i in intervals.values()), default=math.inf)
