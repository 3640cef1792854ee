"""A published view as data: its cells (a value and the persons it rests on) and the relations
between them a reader knows: sums, shares published rounded, and inequalities (a count that
can be no less than one sum of cells and no more than another, as a timeline is)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

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
    #: the parts are categories of an attribute of each person (statuses): a part that holds
    #: the whole total tells every person's (group disclosure, see `disclosing`)
    attribute: bool = False


@dataclass(frozen=True)
class Share:
    """`key` is `numerator / denominator`, published rounded to `decimals` decimals of the
    fraction (a percentage with one decimal is three decimals of the fraction)."""

    key: str
    numerator: str
    denominator: str
    decimals: int = 3


@dataclass(frozen=True)
class AtMost:
    """The sum of `smaller` is at most the sum of `larger`: what a page says without saying
    it as a sum (a timeline's count at a year-end is at least those who meet the requirement
    today; a later year-end's at least an earlier one's)."""

    smaller: tuple[str, ...]
    larger: tuple[str, ...]

    @property
    def members(self) -> tuple[str, ...]:
        return (*self.smaller, *self.larger)


@dataclass
class View:
    """Everything one user can see about the same people at the same date."""

    cells: dict[str, Cell] = field(default_factory=dict)
    sums: list[Sum] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    bounds: list[AtMost] = field(default_factory=list)
    #: cells that are no counts of anyone (a band's ends, a form's limit): what a page says
    #: about the figures, never summed over the units of a group
    constants: set[str] = field(default_factory=set)

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("constants", set())  # stored before there were constants

    def constant(self, key: str, value: float) -> str:
        """A number the page states that counts no one (persons 0): a known constant."""
        self.add(key, value, 0)
        self.constants.add(key)
        return key

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

    def total(self, total: str, parts: Iterable[str], *, attribute: bool = False) -> None:
        """`total` is the sum of `parts`; `attribute`: the parts are categories of an
        attribute of each person counted (a status), so none may hold them all."""
        self.sums.append(Sum(total, tuple(parts), attribute))

    def at_most(self, smaller: Iterable[str], larger: Iterable[str]) -> None:
        """The sum of `smaller` is at most the sum of `larger`."""
        self.bounds.append(AtMost(tuple(smaller), tuple(larger)))

    def share(self, key: str, numerator: str, denominator: str, decimals: int = 3) -> None:
        num, den = self.cells[numerator].value, self.cells[denominator].value
        value = num / den if den else 0.0
        self.cells[key] = Cell(value, self.cells[numerator].persons)
        self.shares.append(Share(key, numerator, denominator, decimals))

    def merge(self, other: View, prefix: str = "") -> None:
        """Another view of the same people (another page, an export, a chart) joins this one."""
        for key, cell in other.cells.items():
            self.cells.setdefault(prefix + key, cell)
        self.sums += [
            Sum(prefix + s.total, tuple(prefix + p for p in s.parts), s.attribute)
            for s in other.sums
        ]
        self.shares += [
            Share(prefix + s.key, prefix + s.numerator, prefix + s.denominator, s.decimals)
            for s in other.shares
        ]
        self.bounds += [
            AtMost(tuple(prefix + k for k in b.smaller), tuple(prefix + k for k in b.larger))
            for b in other.bounds
        ]
        self.constants |= {prefix + k for k in other.constants}

    def check(self) -> None:
        """The relations hold for the true values (a view that contradicts itself is a bug)."""
        for relation in self.sums:
            parts = sum(self.cells[p].value for p in relation.parts)
            if not math.isclose(self.cells[relation.total].value, parts, abs_tol=1e-6):
                raise ValueError(f"{relation.total} is not the sum of {relation.parts}")
        for bound in self.bounds:
            smaller = sum(self.cells[k].value for k in bound.smaller)
            larger = sum(self.cells[k].value for k in bound.larger)
            if smaller > larger + 1e-6:
                raise ValueError(f"{bound.smaller} is more than {bound.larger}")


def sensitive(
    view: View, *, min_n: int = MIN_N, known: Iterable[str] = (), unknown: Iterable[str] = ()
) -> frozenset[str]:
    """Primary suppression: every figure resting on 1 to `min_n` − 1 persons, and a zero that
    is a part (or share numerator) of such a small population («none of the three» says
    something about each of them). A zero in a larger or an empty population («no leader is
    at risk») says nothing about anyone and is shown. `known`: cells shown elsewhere;
    `unknown`: cells never published, which tell a reader nothing by themselves."""

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
    zeros_in_small -= set(known)
    # A zero that zeros shown elsewhere already say is no news: «none of the fourteen is at
    # risk» tells that the one leader is not (a part of a zero total), and «none of the staff
    # is outside the requirement», with the rule that covers every core role, that no core
    # worker is (a total of zero parts). The zeros a reader knows: shown (or `known`) zeros,
    # and what follows from them both ways, never through a cell that is not published.
    zero = {key for key, cell in view.cells.items() if cell.value == 0}
    said = (zero - zeros_in_small - set(unknown)) | (zero & set(known))
    while True:
        more = {
            part
            for relation in view.sums
            if relation.total in said
            for part in relation.parts
            if part in zero and part not in said
        } | {
            relation.total
            for relation in view.sums
            if relation.total in zero
            and relation.total not in said
            and all(part in said for part in relation.parts)
        }
        if not more:
            break
        said |= more
    zeros_in_small -= said
    return frozenset(key for key in view.cells if small(key) or key in zeros_in_small)


def disclosing(view: View, *, min_n: int = MIN_N) -> frozenset[str]:
    """Group disclosure: a category of an attribute that holds everyone its total counts
    («all six meet the requirement») tells each of them, however many they are. Such a part
    must not be pinned at its total: a reader must be unable to rule out that one of them is
    in another category (its interval reaches at least one below it). A total under `min_n`
    is left to primary suppression (`sensitive`)."""
    found = set()
    for relation in view.sums:
        if not relation.attribute:
            continue
        total = view.cells[relation.total]
        if total.persons < min_n or total.value <= 0:
            continue
        found |= {p for p in relation.parts if view.cells[p].value == total.value}
    return frozenset(found)
