"""The attack: for each hidden cell, the interval an attacker can derive from everything
published, by two linear programmes (HiGHS), in the manner of tau-Argus's audit."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from laget.domain.protection.view import MIN_N, View


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def audit(
    view: View,
    hidden: Iterable[str],
    *,
    min_n: int = MIN_N,
    only: Iterable[str] | None = None,
    decide: bool = False,
) -> dict[str, Interval]:
    """For each hidden cell, the interval an attacker can derive from every published figure
    and relation: minimise and maximise it subject to the sums, the inequalities, the
    published shares (with their rounding) and every figure being at least zero.

    Shown cells are constants, so each programme has only the hidden cells as unknowns, and
    is solved per group of hidden cells that share a relation (nothing links the groups).
    `only`: the intervals of these hidden cells alone (a step of the protection). `decide`:
    only whether each interval is at least `min_n` wide — the maximum is solved first, and
    when it lies `min_n` or more above the true value the minimum is not solved (the interval
    comes back with its low end at minus infinity): half the programmes for most cells."""
    hidden = set(hidden)
    wanted = set(only) & hidden if only is not None else hidden
    share_keys = {share.key for share in view.shares}
    rows: list[tuple[dict[str, float], float, bool]] = []  # (coefficients, rhs, is_equality)
    # a sum: total − Σ parts = 0; an inequality: Σ smaller − Σ larger ≤ 0
    signed = [(True, [(r.total, 1.0)] + [(p, -1.0) for p in r.parts]) for r in view.sums]
    signed += [
        (False, [(k, 1.0) for k in b.smaller] + [(k, -1.0) for k in b.larger]) for b in view.bounds
    ]
    for equality, terms in signed:
        coefficients: dict[str, float] = {}
        constant = 0.0
        for key, sign in terms:
            if key in hidden:
                coefficients[key] = coefficients.get(key, 0.0) + sign
            else:
                constant += sign * view.cells[key].value
        if coefficients:
            rows.append((coefficients, -constant, equality))
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
                enough = view.cells[key].value + min_n if decide else None
                intervals[key] = solver.interval(index[key], enough)
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

    def interval(self, position: int, enough: float | None = None) -> Interval:
        ends = []
        everything = np.arange(self.size, dtype=np.int32)
        for sign in (-1.0, 1.0):  # the maximum, then the minimum
            costs = np.zeros(self.size)
            costs[position] = sign
            self.highs.changeColsCost(self.size, everything, costs)
            self.highs.run()
            status = self.highs.getModelStatus()
            if status not in (
                highspy.HighsModelStatus.kOptimal,
                highspy.HighsModelStatus.kUnbounded,
            ):
                # the warm start can leave HiGHS undecided («Unknown», seen after an unbounded
                # maximum): the same programme from scratch decides it
                self.highs.clearSolver()
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
            if enough is not None and ends[0] >= enough - 1e-9:
                return Interval(-math.inf, ends[0])  # wide enough; the minimum not needed
        return Interval(ends[1], ends[0])


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
    """Hidden cells joined by a relation they share."""
    return [set(group) for group in joined(hidden, (list(c) for c, _rhs, _eq in rows))]


def joined(keys: Iterable[str], links: Iterable[Sequence[str]]) -> list[list[str]]:
    """`keys` in groups joined by the links they appear in together (union–find); a link's
    members that are not among `keys` are passed over."""
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for link in links:
        members = [key for key in link if key in parent]
        for other in members[1:]:
            a, b = root(members[0]), root(other)
            if a != b:
                parent[b] = a
    groups: dict[str, list[str]] = {}
    for key in parent:
        groups.setdefault(root(key), []).append(key)
    return list(groups.values())


# Protection -----------------------------------------------------------------------------


def narrowest(intervals: Mapping[str, Interval]) -> float:
    """The narrowest interval an attacker found (infinite when nothing was hidden)."""
    return min((i.width for i in intervals.values()), default=math.inf)
