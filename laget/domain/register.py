"""The employment register as numpy columns: one row per employment period (person, service,
role category, FTE, first and last day, birth year), a dense label per row for grouping, and
the continuous stays (spells) that the flow metrics count. No Django."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from operator import itemgetter

import numpy as np

OPEN_END = date(9999, 12, 31).toordinal()
OPEN_END_ISO = "9999-12-31"  # the same, as a database can give it for an open end


@dataclass(frozen=True)
class Period:
    """One employment: a person in a service (`group`) from `start` to `end` (last day)."""

    person_id: int
    start: date
    end: date | None  # None while employed
    group: int = 0
    role: str = ""
    fte: float = 100.0
    birth_year: int | None = None


EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _ordinals(days: Sequence) -> np.ndarray:
    """Dates as proleptic ordinals; None (still employed) as OPEN_END. ISO strings (as SQLite
    returns them) are parsed by numpy in C; date objects converted one by one."""
    sample = next((d for d in days if d is not None), None)
    if isinstance(sample, str):
        values = np.asarray(days, dtype="datetime64[D]")
        return np.where(np.isnat(values), OPEN_END, values.astype(np.int64) + EPOCH_ORDINAL)
    return np.fromiter(
        (OPEN_END if d is None else d.toordinal() for d in days), dtype=np.int64, count=len(days)
    )


class Register:
    """Employment periods as numpy columns, with a dense label per period for grouping."""

    def __init__(self, periods: Iterable[Period]):
        rows = [
            (p.person_id, p.group, p.role, p.fte, p.start, p.end, p.birth_year) for p in periods
        ]
        self._build(*(list(map(itemgetter(i), rows)) for i in range(7)))

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence]) -> Register:
        """From (person_id, group, role, fte, start, end, birth_year) rows, as a query gives.
        Dates may be `date`s or ISO strings; `end` and `birth_year` may be None."""
        register = cls.__new__(cls)
        rows = rows if isinstance(rows, list) else list(rows)
        register._build(*(list(map(itemgetter(i), rows)) for i in range(7)))
        return register

    def _build(
        self,
        person: Sequence,
        group: Sequence,
        role: Sequence,
        fte: Sequence,
        start: Sequence,
        end: Sequence,
        birth_year: Sequence,
    ) -> None:
        self.size = len(person)
        self.person = np.asarray(person, dtype=np.int64)
        self.groups, self.group_index = np.unique(
            np.asarray(group, dtype=np.int64), return_inverse=True
        )
        self.roles = sorted({r or "" for r in role})
        lookup = {r: i for i, r in enumerate(self.roles)}
        self.role_index = np.fromiter(
            (lookup[r or ""] for r in role), dtype=np.int64, count=self.size
        )
        self.fte = np.asarray(fte, dtype=np.float64)
        self.start = _ordinals(start)
        self.end = _ordinals(end)
        births = np.asarray(birth_year, dtype=np.float64)  # None becomes NaN
        self.birth_year = np.nan_to_num(births, nan=0).astype(np.int64)
        # One key per (group, person): leaving the group is what the definitions count.
        _, self.key = np.unique(
            self.group_index * (self.person.max(initial=0) + 1) + self.person,
            return_inverse=True,
        )

    @cached_property
    def by_group(self) -> Grouping:
        """One label per service (group)."""
        return Grouping(self, self.group_index, [int(g) for g in self.groups])

    @cached_property
    def by_group_and_role(self) -> Grouping:
        """One label per (service, role category)."""
        width = len(self.roles)
        labels = self.group_index * width + self.role_index
        keys = [(int(g), role) for g in self.groups for role in self.roles]
        return Grouping(self, labels, keys)


class Grouping:
    """A dense label (0..len(keys)-1) per period and what each label stands for."""

    def __init__(self, register: Register, labels: np.ndarray, keys: list):
        self.register, self.labels, self.keys = register, labels, keys

    @cached_property
    def spells(self) -> Spells:
        return _spells(self.register, self)


@dataclass(frozen=True)
class Spells:
    """Continuous stays: a (group, person, label)'s overlapping or adjoining periods merged."""

    start: np.ndarray
    end: np.ndarray
    label: np.ndarray


def _spells(register: Register, grouping: Grouping) -> Spells:
    if not register.size:
        empty = np.zeros(0, dtype=np.int64)
        return Spells(empty, empty, empty)
    _, merge = np.unique(register.key * len(grouping.keys) + grouping.labels, return_inverse=True)
    order = np.lexsort((register.start, merge))
    start, end, merge = register.start[order], register.end[order], merge[order]
    span = OPEN_END + 2
    running_end = np.maximum.accumulate(end + merge * span) - merge * span
    same_as_previous = np.concatenate(([False], merge[1:] == merge[:-1]))
    previous_end = np.concatenate(([0], running_end[:-1]))
    new = ~same_as_previous | (start > previous_end + 1)
    firsts = np.flatnonzero(new)
    return Spells(
        start=start[firsts],
        end=np.maximum.reduceat(end, firsts),
        label=grouping.labels[order][firsts],
    )
