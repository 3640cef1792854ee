"""The attack on a stored release: what a reader outside the services can work out from its
tables alone (the shown cells, which cells are hidden, the relations between them), with
what the pages say besides when a `reader` adds it. Needs none of the code that built the
release (`laget publication audit`, the release test)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from laget.domain.protection import View

if TYPE_CHECKING:
    from laget.publication.models import Release


@dataclass(frozen=True)
class Exposed:
    """A hidden cell of a stored release that a reader can narrow to less than `min_n` from
    the cells and relations published beside it."""

    publication: str
    path: str
    low: float
    high: float


@dataclass
class Attack:
    """What an attack on a release used and found: the relations by kind (those the release
    states, and those the reader added from the pages' words), the hidden cells attacked, the
    narrowest interval a small one was placed in (by the protection's own criterion: only an
    interval reaching below `min_n` counts), and the cells exposed."""

    relations: dict[str, int]
    hidden: int
    narrowest: float
    exposed: list[Exposed]

    def summary(self) -> str:
        kinds = ", ".join(f"{kind} {n}" for kind, n in self.relations.items())
        return (
            f"relations: {kinds}; hidden cells {self.hidden}; narrowest interval "
            f"{self.narrowest:g}; exposed {len(self.exposed)}"
        )


def release_audit(day: date, reader: Callable[[str, View], None] | None = None) -> list[Exposed]:
    """The cells of the release stored for `day` that a reader can work out (`release_attack`)."""
    return release_attack(day, reader).exposed


def release_attack(day: date, reader: Callable[[str, View], None] | None = None) -> Attack:
    """Attack the release stored for `day` with what a reader gets from it alone (its tables:
    the shown cells, which cells are hidden, the relations between them): for each hidden cell
    of each protected view, the interval the reader can place it in (`laget.domain.protection.
    audit`). A cell is exposed when that interval is narrower than `min_n` and reaches below
    it (the reader may pin down a small count; a hidden count the reader can place at 12 tells
    nothing small). Needs none of the code that built the release. `reader(view_path, view)`
    adds what a reader knows besides the release (the words on the pages), relation by
    relation, to each view before the attack."""
    from laget.domain.protection import audit
    from laget.publication.models import Release

    release = Release.objects.filter(end_time=day).first()
    if release is None:
        raise LookupError(f"Ingen utgivelse er lagret per {day.isoformat()}.")
    counts = {"sums": 0, "shares": 0, "inequalities": 0, "rules from pages": 0}
    exposed: list[Exposed] = []
    narrowest, attacked = math.inf, 0
    from laget.publication.models import ReleaseCell

    small = set(release.cells.filter(why=ReleaseCell.Why.SMALL).values_list("publication", "path"))
    for (name, view_path), (view, hidden) in release_views(release).items():
        stated = len(view.sums) + len(view.bounds)
        counts["sums"] += len(view.sums)
        counts["shares"] += len(view.shares)
        counts["inequalities"] += len(view.bounds)
        if reader is not None:
            reader(view_path, view)
            counts["rules from pages"] += len(view.sums) + len(view.bounds) - stated
        if not hidden:
            continue
        attacked += len(hidden)
        intervals = audit(view, hidden, min_n=release.min_n)
        said = _zeros_about_no_one(view, hidden, intervals, release.min_n) - {
            key for key in hidden if (name, f"{view_path}|{key}") in small
        }
        low = [i for k, i in intervals.items() if i.low < release.min_n and k not in said]
        narrowest = min([narrowest, *(i.width for i in low)])
        exposed += [
            Exposed(name, f"{view_path}|{key}", interval.low, interval.high)
            for key, interval in sorted(intervals.items())
            if interval.width < release.min_n and interval.low < release.min_n and key not in said
        ]
    return Attack(counts, attacked, narrowest, exposed)


def _zeros_about_no_one(view: View, hidden: set[str], intervals: dict, min_n: int) -> set[str]:
    """Hidden cells the reader pins at zero that are part of a shown total of `min_n` or more
    (the caller leaves out those the release lists as small, which no reader may pin):
    «none of the 40 is exempt» says nothing about anyone, as a shown zero in a population that
    large does not (`laget.domain.protection.sensitive`), and neither does one that a shown
    zero total says of all its parts; a unit's form leaves such a zero unpublished
    (`laget.domain.competence.recoding`), and the figures around it tell it."""
    pinned = {k for k, i in intervals.items() if i.low > -1e-9 and i.high < 1e-9}
    said = {
        part
        for relation in view.sums
        if relation.total not in hidden
        # a large population, or a shown zero that says it of all its parts already
        and (view.cells[relation.total].value >= min_n or view.cells[relation.total].value == 0)
        for part in relation.parts
        if part in pinned
    }
    # a zero said of a group says it of each part, and zeros said of every part of their sum
    while more := {
        part
        for relation in view.sums
        if relation.total in said
        for part in relation.parts
        if part in pinned and part not in said
    } | {
        relation.total
        for relation in view.sums
        if relation.total in pinned
        and relation.total not in said
        and all(part in said or part not in hidden for part in relation.parts)
        and all(view.cells[part].value == 0 or part in said for part in relation.parts)
    }:
        said |= more
    return said


def release_views(release: Release) -> dict[tuple[str, str], tuple[View, set[str]]]:
    """Each protected view of a stored release as a reader rebuilds it from the tables: the
    shown cells with their values, the hidden ones as unknowns, and the relations."""
    from laget.domain.protection.view import AtMost, Cell, Share, Sum
    from laget.publication.models import ReleaseCell

    views: dict[tuple[str, str], tuple[View, set[str]]] = {}
    for name, view_path in release.relations.values_list("publication", "view").distinct():
        views[(name, view_path)] = (View(), set())
    figures = release.cells.exclude(why=ReleaseCell.Why.NOT_COMPUTED).filter(path__contains="|")
    for name, path, value, persons, why in figures.values_list(
        "publication", "path", "value", "persons", "why"
    ):
        view_path, key = path.split("|", 1)
        if (name, view_path) not in views:
            continue
        view, hidden = views[(name, view_path)]
        shown = why == ReleaseCell.Why.SHOWN
        view.cells[key] = Cell(float(value) if shown and value is not None else 0.0, persons or 0)
        if not shown:
            hidden.add(key)
    for name, view_path, kind, result, operands, decimals in release.relations.values_list(
        "publication", "view", "kind", "result", "operands", "decimals"
    ):
        view = views[(name, view_path)][0]
        if kind == "sum":
            view.sums.append(Sum(result, tuple(operands)))
        elif kind == "at_most":
            view.bounds.append(AtMost(tuple(operands["smaller"]), tuple(operands["larger"])))
        else:
            view.shares.append(Share(result, operands[0], operands[1], decimals or 0))
    return views
