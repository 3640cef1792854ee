"""Optimal secondary suppression of a small table (issue 27, item 2).

The greedy search (`partners.by_patterns`) takes the small cells one at a time, each with the
cheapest perturbation given what the ones before it hid. Where a table is small, one mixed
integer programme chooses the partners for all its small cells at once, at the least cost:
a binary `x` per cell (hidden or not), and for each small cell `t` a perturbation `y_t` that
keeps every sum and inequality, moves `t` up by `min_n`, lowers no count below zero and moves
only hidden cells (`y_t ≤ M·x`, `y_t⁻ ≤ value·x`). Minimising `Σ weight·x` over the cells not
hidden already is Fischetti and Salazar's model of cell suppression with the perturbations
written out (their Benders cuts are what makes it scale; a small table needs none).

`M` bounds how far a perturbation may move a cell upwards. A cheapest perturbation in these
tables (sums of ±1 terms) moves each cell by `min_n`, or a small multiple where groups
overlap; `M` is `min_n` times the sums in the table plus one, so the optimum is the optimum
over every perturbation Laget's tables admit in practice (and the result is a valid
protection whatever `M` is: each `y_t` is a table agreeing with everything published).

The weights are the greedy search's (`pattern.weights`: persons, a total counted
`TOTAL_WEIGHT` times), so the two are compared on one cost; `Choice.persons` is the persons
the partners rest on. Solved only where the table is small enough (`MAX_CELLS`,
`MAX_TARGETS`, both Laget's own choice) and within `TIME_LIMIT`; otherwise, or when a cell
has no upward perturbation (a band it lies in keeps it below), the caller falls back on the
greedy search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import highspy
import numpy as np

from laget.domain.protection.audit import _highs
from laget.domain.protection.pattern import weights
from laget.domain.protection.view import AtMost, Sum, View

#: The largest table (cells that are no share) solved as one programme: Laget's own choice,
#: measured on the demo (`bench.bench_loss`): every table this size solves well within the
#: time limit.
MAX_CELLS = 200
#: The most small cells solved together (each adds a perturbation: two columns per cell).
MAX_TARGETS = 24
#: Seconds one programme may take before the greedy search is used instead.
TIME_LIMIT = 5.0
#: Whether `protect` uses the programme where it can (the application sets it from its
#: setting `LAGET_PROTECT_OPTIMAL`; the benchmark compares the two).
ENABLED = True


@dataclass(frozen=True)
class Choice:
    """The partners chosen for a table's small cells: the shown cells to hide, and what they
    cost (the weights) and rest on (persons)."""

    hide: frozenset[str]
    cost: float
    persons: float


def small_enough(keys: list[str], targets: list[str]) -> bool:
    """Whether a table is solved optimally (see `MAX_CELLS`, `MAX_TARGETS`)."""
    return ENABLED and 0 < len(targets) <= MAX_TARGETS and len(keys) <= MAX_CELLS


def optimal(
    view: View,
    keys: list[str],
    sums: list[Sum],
    bounds: Iterable[AtMost],
    *,
    hidden: set[str],
    frozen: set[str],
    targets: list[str],
    min_n: float,
    time_limit: float | None = None,
) -> Choice | None:
    """The cheapest set of shown cells to hide so that every target moves up by `min_n` in
    some table agreeing with everything published (see the module). None when there is no
    such set (a target no table moves up), or the solver did not prove the optimum within
    `time_limit` seconds (`TIME_LIMIT`). The caller proves each target safe with the
    perturbation model (`pattern`), which also gives its certificate: the programme's own
    perturbations carry the solver's tolerances."""
    bounds = list(bounds)
    n = len(keys)
    index = {key: i for i, key in enumerate(keys)}
    values = np.array([max(view.cells[key].value, 0.0) for key in keys])
    weight = weights(view, keys, sums)
    free = np.array([key not in hidden and key not in frozen for key in keys])
    big = min_n * (len(sums) + len(bounds) + 1)
    highs = _highs()
    highs.setOptionValue("time_limit", float(TIME_LIMIT if time_limit is None else time_limit))
    highs.setOptionValue("mip_rel_gap", 0.0)
    # columns: x (n), then per target y⁺ (n) and y⁻ (n)
    x_low = np.array([1.0 if key in hidden else 0.0 for key in keys])
    x_high = np.array([0.0 if key in frozen else 1.0 for key in keys])
    highs.addVars(n, x_low, x_high)
    highs.changeColsCost(n, np.arange(n, dtype=np.int32), np.where(free, weight, 0.0))
    highs.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
    )
    for position, target in enumerate(targets):
        t = index[target]
        up_high = np.where(x_high > 0, highspy.kHighsInf, 0.0)
        down_high = np.where(x_high > 0, values, 0.0)
        up_low = np.zeros(n)
        up_low[t], down_high[t] = min_n, 0.0
        if up_high[t] == 0.0:
            return None  # shown elsewhere: no table moves it
        highs.addVars(n, up_low, up_high)
        highs.addVars(n, np.zeros(n), down_high)
        up = n + 2 * n * position
        down = up + n
        for relation in sums:
            terms = [(relation.total, 1.0)] + [(p, -1.0) for p in relation.parts]
            _row(highs, index, terms, up, down, 0.0, 0.0)
        for bound in bounds:
            slack = sum(view.cells[key].value for key in bound.larger) - sum(
                view.cells[key].value for key in bound.smaller
            )
            terms = [(key, 1.0) for key in bound.smaller] + [(key, -1.0) for key in bound.larger]
            _row(highs, index, terms, up, down, -highspy.kHighsInf, max(slack, 0.0))
        # only a hidden cell moves: y⁺ ≤ M·x, y⁻ ≤ value·x (for the cells not hidden already)
        for i in np.flatnonzero(free):
            highs.addRow(
                -highspy.kHighsInf, 0.0, 2, np.array([up + i, i], dtype=np.int32), [1.0, -big]
            )
            if values[i] > 0:
                highs.addRow(
                    -highspy.kHighsInf,
                    0.0,
                    2,
                    np.array([down + i, i], dtype=np.int32),
                    [1.0, -values[i]],
                )
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    solution = np.asarray(highs.getSolution().col_value)
    chosen = (solution[:n] > 0.5) & free
    return Choice(
        hide=frozenset(keys[i] for i in np.flatnonzero(chosen)),
        cost=float(weight[chosen].sum()),
        persons=float(values[chosen].sum()),
    )


def _row(
    highs: highspy.Highs,
    index: dict[str, int],
    terms: list[tuple[str, float]],
    up: int,
    down: int,
    low: float,
    high: float,
) -> None:
    """low ≤ Σ sign × (y⁺ − y⁻) ≤ high over one target's perturbation."""
    coefficients: dict[int, float] = {}
    for key, sign in terms:
        if key in index:
            i = index[key]
            coefficients[up + i] = coefficients.get(up + i, 0.0) + sign
            coefficients[down + i] = coefficients.get(down + i, 0.0) - sign
    columns = sorted(c for c, v in coefficients.items() if v)
    if columns:
        highs.addRow(
            low,
            high,
            len(columns),
            np.array(columns, dtype=np.int32),
            np.array([coefficients[c] for c in columns]),
        )
