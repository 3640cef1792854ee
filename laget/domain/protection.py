"""Protection of a published view as a whole: primary and secondary suppression, and the audit
that attacks it.

A figure that rests on fewer than five persons must not leave a service, and must not be
workable out from anything else published about the same people at the same date: totals,
another table of the same people, a share whose denominator is shown, a chart drawn from a
table. So protection is a property of the view, not of a cell. A `View` holds its cells (value
and the persons each rests on) and the relations between them (a total is the sum of its parts;
a share is its numerator over its denominator, published rounded). `protect` hides every cell
under the threshold (see `sensitive` for zeros), then hides further cells until `audit` — the attacker's best effort,
two linear programmes per hidden cell in the manner of tau-Argus's audit (HiGHS) — can only place each
hidden count in an interval at least `min_n` wide, so nobody can tell whether it is below the
threshold.

Pure Python with numpy and HiGHS (highspy); no Django. The pages, charts, exports and reports describe
what they publish as a `View`, protect it once, and render only what it lets through.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import highspy
import numpy as np

MIN_N = 5
#: How many partners the protection tries before it takes the best by rank.
CANDIDATES_TRIED = 3


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
        return sensitive(self.view, min_n=self.min_n)


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
        solver = _Solver(len(keys))
        for coefficients, rhs, equality in rows:
            if coefficients.keys() & group:
                solver.add_row(
                    {index[k]: v for k, v in coefficients.items()},
                    low=rhs if equality else -highspy.kHighsInf,
                    high=rhs,
                )
        for key in keys:
            if key in wanted and key not in share_keys:
                intervals[key] = solver.interval(index[key])
    return intervals


class _Solver:
    """One group's linear programme in HiGHS, built once; each cell's interval is two solves
    with only the objective changed (warm-started: a few hundredths of a millisecond)."""

    def __init__(self, size: int):
        self.size = size
        self.highs = _highs()
        self.highs.addVars(size, np.zeros(size), np.full(size, highspy.kHighsInf))

    def add_row(self, coefficients: dict[int, float], *, low: float, high: float) -> None:
        columns = np.array(sorted(coefficients), dtype=np.int32)
        values = np.array([coefficients[c] for c in columns], dtype=np.float64)
        self.highs.addRow(low, high, len(columns), columns, values)

    def interval(self, position: int) -> Interval:
        ends = []
        everything = np.arange(self.size, dtype=np.int32)
        for sign in (1.0, -1.0):
            costs = np.zeros(self.size)
            costs[position] = sign
            self.highs.changeColsCost(self.size, everything, costs)
            self.highs.run()
            status = self.highs.getModelStatus()
            if status == highspy.HighsModelStatus.kUnbounded:
                ends.append(math.inf)  # only the maximum can be
            elif status == highspy.HighsModelStatus.kOptimal:
                ends.append(sign * self.highs.getInfo().objective_function_value)
            else:
                raise ValueError(
                    f"the audit's linear programme failed: {self.highs.modelStatusToString(status)}"
                )
        return Interval(ends[0], ends[1])


_banner_shown = False


def _highs() -> highspy.Highs:
    """A silent HiGHS. Its first instance in a process prints a banner on standard output
    before any option can be set; that once, the output is sent nowhere (command-line JSON
    and test output stay clean)."""
    global _banner_shown
    if not _banner_shown:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                highs = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _banner_shown = True
    else:
        highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    return highs


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


def sensitive(view: View, *, min_n: int = MIN_N) -> frozenset[str]:
    """Primary suppression: every figure resting on 1 to `min_n` − 1 persons, and a zero that
    is a part (or share numerator) of such a small population («none of the three» says
    something about each of them). A zero in a larger or an empty population («no leader is
    at risk») says nothing about anyone and is shown."""

    def small(key: str) -> bool:
        return 0 < view.cells[key].persons < min_n

    zeros_in_small = {
        part
        for relation in view.sums
        if small(relation.total)
        for part in relation.parts
        if view.cells[part].persons == 0
    } | {
        share.numerator
        for share in view.shares
        if small(share.denominator) and view.cells[share.numerator].persons == 0
    }
    return frozenset(key for key in view.cells if small(key) or key in zeros_in_small)


def protect(
    view: View,
    *,
    min_n: int = MIN_N,
    given: Iterable[str] = (),
    frozen: Iterable[str] = (),
) -> Protected:
    """Primary suppression (fewer than `min_n` persons), then secondary suppression until the
    audit finds every hidden count at least `min_n` wide. Cells are added from the relations of
    the cell the audit found exposed, parts before totals and smallest first, so little is
    lost; the search ends, since every round hides one more cell.

    A view that builds on figures protected elsewhere names them: `given` are hidden there,
    `frozen` are shown there and must stay shown (a service's detail tables are protected
    around its status figures, which the county and nation already publish)."""
    view.check()
    frozen = set(frozen)
    hidden = set(sensitive(view, min_n=min_n)) | set(given)
    if hidden & frozen:
        raise ValueError(f"shown elsewhere, but sensitive here: {sorted(hidden & frozen)}")
    _hide_shares(view, hidden)
    totals = {relation.total for relation in view.sums} | frozen  # never a partner
    links = _links(view)
    memberships = _memberships(view)
    _close_sums(view, hidden, totals, frozen, min_n)
    intervals = audit(view, hidden, min_n=min_n)
    while exposed := sorted(
        (k for k, i in intervals.items() if k in hidden and i.width < min_n - 1e-9),
        key=lambda k: (intervals[k].width, k),
    ):
        # One partner per exposed cell in a round, skipping cells a partner chosen earlier in
        # the round already reaches; then the audit looks again.
        touched: set[str] = set()
        added: set[str] = set()
        for target in exposed:
            if target in touched:
                continue
            candidates, reached = _candidates(
                view, links, hidden, totals, target, min_n, memberships
            )
            candidates = [k for k in candidates if k not in frozen]
            if not candidates:
                raise ValueError(f"{target!r} cannot be protected")
            # The best of the first few that settles the exposed cell on its own, else the best.
            chosen = next(
                (
                    k
                    for k in candidates[:CANDIDATES_TRIED]
                    if audit(view, _with(hidden, k, view), min_n=min_n, only=[target])[target].width
                    >= min_n - 1e-9
                ),
                candidates[0],
            )
            more = _with(hidden, chosen, view) - hidden
            hidden |= more
            added |= more
            touched |= reached
        # Hiding a cell only frees a value, so no interval narrows: only the cells still
        # exposed and the ones just hidden need another look.
        intervals.update(audit(view, hidden, min_n=min_n, only={*exposed, *added}))
    return Protected(view=view, hidden=frozenset(hidden), min_n=min_n)


def _candidates(
    view: View,
    links: dict[str, set[str]],
    hidden: set[str],
    totals: set[str],
    target: str,
    min_n: int,
    memberships: dict[str, list[tuple[str, ...]]],
) -> tuple[list[str], set[str]]:
    """Shown cells reachable from `target` through relations, crossing only hidden cells:
    parts before totals, nearer before farther, smaller before larger; and the hidden cells
    on the way."""
    ranked: dict[str, tuple] = {}
    frontier, seen, level = {target}, {target}, 0
    while frontier:
        reach = set().union(*(links[k] for k in frontier)) - seen
        seen |= reach
        for k in reach - hidden:
            ranked[k] = (*_cost(view, k, totals, min_n, hidden, memberships), level, k)
        frontier = reach & hidden
        level += 1
    return sorted(ranked, key=ranked.__getitem__), seen & hidden


def _cost(
    view: View,
    key: str,
    totals: set[str],
    needed: float,
    hidden: set[str],
    memberships: dict[str, list[tuple[str, ...]]],
) -> tuple:
    """How a partner for secondary suppression is ranked: first by how many sums it would be
    the only hidden member of (each would need a partner in turn, so hiding spreads from
    table to table); then a cell big enough to give the hidden one room (`needed` persons)
    before one that is not (a hidden zero adds no doubt); a part before a total; and the
    fewest persons first, tau-Argus's usual cost."""
    lonely = sum(1 for members in memberships.get(key, ()) if not any(m in hidden for m in members))
    value = view.cells[key].value
    return (lonely, value < needed, key in totals, value)


def _memberships(view: View) -> dict[str, list[tuple[str, ...]]]:
    """For each cell, the sums it is a member of."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for relation in view.sums:
        members = (relation.total, *relation.parts)
        for key in members:
            found.setdefault(key, []).append(members)
    return found


def _unit(key: str) -> str:
    """Keys may name their unit before a «|» («service:12|status.meets»)."""
    return key.partition("|")[0] if "|" in key else ""


def _close_sums(
    view: View, hidden: set[str], totals: set[str], frozen: set[str], min_n: int
) -> None:
    memberships = _memberships(view)
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
            visible = [m for m in members if m not in hidden and m not in frozen]
            if not visible:
                continue
            # the hidden member's own value already counts towards the doubt
            lone = next(m for m in members if m in hidden)
            needed = min_n - view.cells[lone].value
            partner = min(
                visible,
                key=lambda k: (*_cost(view, k, totals, needed, hidden, memberships), k),
            )
            hidden.add(partner)
            _hide_shares(view, hidden)
            changed = True


def _with(hidden: set[str], key: str, view: View) -> set[str]:
    more = {*hidden, key}
    _hide_shares(view, more)
    return more


def narrowest(intervals: Mapping[str, Interval]) -> float:
    """The narrowest interval an attacker found (infinite when nothing was hidden)."""
    return min((i.width for i in intervals.values()), default=math.inf)
