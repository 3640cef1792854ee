"""Secondary suppression by the cheapest way to move a hidden cell.

A hidden cell is safe when another table, consistent with everything published, gives it a
value `min_n` higher: then an attacker cannot tell its true value from that one, and the
audit's interval is at least `min_n` wide. Such a table differs from the true one by a
perturbation `y` that keeps every sum (the totals move with their parts), every figure at
least zero, and every shown cell as it is. For a target cell, one linear programme finds the
perturbation that moves it up by `min_n` at the least cost (keeping every inequality the view
states, within the slack the true table leaves it), where moving a hidden cell is free
and moving a shown one costs about its size (a total more than a part): the shown cells it
moves are the ones to hide (Fischetti and Salazar's model of cell suppression, solved for one
cell at a time, as tau-Argus's modular method does). A cost of zero proves the cell safe
already, with no audit needed; otherwise hiding the cells found makes it so, and since hiding
only ever widens intervals, every cell protected before stays protected.

One model per view, in HiGHS: the target's bounds and the costs of cells hidden in between
change from one solve to the next, so each solve starts from the last one's basis.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import highspy
import numpy as np

from laget.domain.protection.audit import _highs, joined
from laget.domain.protection.view import AtMost, Sum, View

#: A perturbation smaller than this moves nothing (the solver's tolerance).
MOVES = 1e-7
#: How much more hiding a total costs than hiding a part of the same size: a county's or the
#: nation's figure is what its users come for.
TOTAL_WEIGHT = 4.0


def weights(view: View, keys: list[str], sums: list[Sum]) -> np.ndarray:
    """What hiding each cell costs: the persons it rests on (one more, so a zero costs
    something), a total `TOTAL_WEIGHT` times as much."""
    totals = {relation.total for relation in sums}
    return np.array(
        [
            (1.0 + max(view.cells[key].value, 0.0)) * (TOTAL_WEIGHT if key in totals else 1.0)
            for key in keys
        ]
    )


class Patterns:
    """The perturbation model of one view: columns `y⁺` then `y⁻` for every cell that is no
    share (a shown share is kept by keeping its numerator and denominator; a hidden one
    constrains nothing), a row per sum."""

    def __init__(
        self,
        view: View,
        keys: list[str],
        sums: list[Sum],
        hidden: set[str],
        frozen: set[str],
        bounds: list[AtMost] = (),  # type: ignore[assignment]
    ):
        self.keys = keys
        self.index = {key: i for i, key in enumerate(self.keys)}
        n = self.n = len(self.keys)
        values = np.array([view.cells[key].value for key in self.keys])
        self.weights = weights(view, self.keys, sums)
        self.upper = np.concatenate([np.full(n, highspy.kHighsInf), np.maximum(values, 0.0)])
        for key in frozen:
            if key in self.index:
                self.upper[self.index[key]] = self.upper[n + self.index[key]] = 0.0
        self.highs = _highs()
        self.costs = np.concatenate([self.weights, self.weights])
        self.highs.addVars(2 * n, np.zeros(2 * n), self.upper.copy())
        self.highs.changeColsCost(2 * n, np.arange(2 * n, dtype=np.int32), self.costs)
        for relation in sums:
            self._add_row([(relation.total, 1.0)] + [(p, -1.0) for p in relation.parts], 0.0, 0.0)
        for bound in bounds:
            # the perturbed table keeps Σ smaller ≤ Σ larger: Σ y(smaller) − Σ y(larger) may
            # use up the slack the true table leaves, no more
            slack = sum(view.cells[k].value for k in bound.larger) - sum(
                view.cells[k].value for k in bound.smaller
            )
            terms = [(k, 1.0) for k in bound.smaller] + [(k, -1.0) for k in bound.larger]
            self._add_row(terms, -highspy.kHighsInf, max(slack, 0.0))
        self.hide(hidden)

    def _add_row(self, terms: list[tuple[str, float]], low: float, high: float) -> None:
        """low ≤ Σ sign × y(key) ≤ high, over y = y⁺ − y⁻ of the cells this model has."""
        n = self.n
        coefficients: dict[int, float] = {}
        for key, sign in terms:
            if key in self.index:
                i = self.index[key]
                coefficients[i] = coefficients.get(i, 0.0) + sign
                coefficients[n + i] = coefficients.get(n + i, 0.0) - sign
        columns = np.array(sorted(c for c, v in coefficients.items() if v), dtype=np.int32)
        if len(columns):
            row = np.array([coefficients[c] for c in columns])
            self.highs.addRow(low, high, len(columns), columns, row)

    def hide(self, keys: Iterable[str]) -> None:
        """Moving these cells costs nothing from now on."""
        columns = [self.index[key] for key in keys if key in self.index]
        columns += [self.n + c for c in columns]
        if columns:
            array = np.array(columns, dtype=np.int32)
            self.costs[array] = 0.0
            self.highs.changeColsCost(len(array), array, np.zeros(len(array)))

    def cost(self, keys: Iterable[str]) -> float:
        """What hiding these cells costs (`weights`; a hidden one nothing more)."""
        return float(sum(self.costs[self.index[key]] for key in keys if key in self.index))

    def to_hide(self, target: str, amount: float, *, down: bool = False) -> Found | None:
        """The cheapest table that agrees with everything published but has `target`
        `amount` higher (`down`: lower, as group disclosure needs); None when there is none
        (the cells fixed around the view allow none)."""
        i, n = self.index[target], self.n
        moving, still = (n + i, i) if down else (i, n + i)
        if down and self.upper[moving] < amount - MOVES:
            return None  # no count falls below zero
        self.highs.changeColBounds(moving, amount, self.upper[moving])
        self.highs.changeColBounds(still, 0.0, 0.0)
        solution = self._solve([i])
        return None if solution is None else self._found(solution, amount)

    def to_absorb(
        self, shift: Mapping[str, float], *, target: str | None = None, amount: float = 0.0
    ) -> Found | None:
        """The cheapest table that agrees with everything published here and moves the cells
        of `shift` by exactly its amounts (cells this model pins, as a view protected before
        moves them in a table of its own), and `target` up by `amount` or more; None when
        there is none. The two tables together are one table agreeing with both views."""
        columns = [(self.index[key], moved) for key, moved in shift.items() if key in self.index]
        n = self.n
        for c, moved in columns:
            self.highs.changeColBounds(c, max(moved, 0.0), max(moved, 0.0))
            self.highs.changeColBounds(n + c, max(-moved, 0.0), max(-moved, 0.0))
        if target is not None:
            t = self.index[target]
            columns.append((t, amount))
            self.highs.changeColBounds(t, amount, self.upper[t])
            self.highs.changeColBounds(n + t, 0.0, 0.0)
        solution = self._solve([c for c, _moved in columns])
        return None if solution is None else self._found(solution, float("inf"))

    def _solve(self, cells: list[int]) -> np.ndarray | None:
        """The optimal perturbation with the bounds set on `cells` (None: there is none); their
        bounds are restored afterwards, so the model serves the next target."""
        n = self.n
        try:
            self.highs.run()
            if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return None
            return np.asarray(self.highs.getSolution().col_value)
        finally:
            for c in cells:
                self.highs.changeColBounds(c, 0.0, self.upper[c])
                self.highs.changeColBounds(n + c, 0.0, self.upper[n + c])

    def _found(self, solution: np.ndarray, amount: float) -> Found:
        n = self.n
        rises, falls = solution[:n], solution[n:]
        moved = (rises > MOVES) | (falls > MOVES)
        paid = moved & ((self.costs[:n] > 0) | (self.costs[n:] > 0))
        far = np.abs(rises - falls) >= amount - MOVES
        net = rises - falls
        return Found(
            hide=frozenset(self.keys[c] for c in np.flatnonzero(paid)),
            far=frozenset(self.keys[c] for c in np.flatnonzero(far)),
            moved=frozenset(self.keys[c] for c in np.flatnonzero(moved)),
            shift=tuple((self.keys[c], float(net[c])) for c in np.flatnonzero(np.abs(net) > MOVES)),
        )


@dataclass(frozen=True)
class Found:
    """A table that moves the target far enough: the shown cells it moves, which must be
    hidden (empty: the target was safe already); the cells it moves by the amount or more
    either way (safe too, once those are hidden); and every cell it moves (its support: it
    stays a valid table in any larger view that adds no relation among these cells)."""

    hide: frozenset[str]
    far: frozenset[str]
    moved: frozenset[str]
    #: the table itself: how far it moves each cell it moves (up is positive)
    shift: tuple[tuple[str, float], ...] = ()

    def moves(self) -> Moves:
        """The table as a certificate."""
        return Moves(self.moved, (self.shift,))


class Moves(frozenset):
    """A certificate: the cells the tables proving a small figure safe move (a set, as
    `still_certified` and `around` read it), and the tables themselves (`shifts`: how far
    each moves each cell; one table, or two where a band keeps the figure from rising far
    enough). A view protected on top of this one (`layered`) proves itself against the
    tables: it must have one of its own that moves the shared cells the same way."""

    __slots__ = ("shifts",)
    shifts: tuple[tuple[tuple[str, float], ...], ...]

    def __new__(cls, keys: Iterable[str] = (), shifts: tuple = ()) -> Moves:
        self = super().__new__(cls, keys)
        self.shifts = shifts
        return self

    def __reduce__(self) -> tuple:
        return (Moves, (frozenset(self), self.shifts))

    def __or__(self, other: frozenset) -> Moves:  # type: ignore[override]
        """Both proofs: the cells either moves, and both's tables."""
        return Moves(frozenset(self) | other, self.shifts + getattr(other, "shifts", ()))


def components(view: View) -> list[tuple[list[str], list[Sum], list[AtMost]]]:
    """The view's cells that are no share, in groups joined by the sums and inequalities they
    share, with those relations (nothing links the groups: each gets a model of its own)."""
    share_keys = {share.key for share in view.shares}
    keys = [key for key in view.cells if key not in share_keys]
    groups = joined(
        keys, [*((r.total, *r.parts) for r in view.sums), *(b.members for b in view.bounds)]
    )
    group_of = {key: i for i, group in enumerate(groups) for key in group}
    sums: list[list[Sum]] = [[] for _ in groups]
    bounds: list[list[AtMost]] = [[] for _ in groups]
    for relation in view.sums:
        sums[group_of[relation.total]].append(relation)
    for bound in view.bounds:
        bounds[group_of[bound.members[0]]].append(bound)
    return list(zip(groups, sums, bounds, strict=True))
