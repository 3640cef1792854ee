"""Views that build on views protected before: what readers were given for the same figures
(`as_before`), what a view protected elsewhere fixes around new cells (`around`), and which of
its proofs still hold in the larger view (`still_certified`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from laget.domain.protection.audit import MIN_N
from laget.domain.protection.pattern import Moves
from laget.domain.protection.protected import Protected
from laget.domain.protection.view import AtMost, Sum, View, sensitive


def as_before(previous: Protected, view: View, *, min_n: int = MIN_N) -> tuple[set[str], set[str]]:
    """What readers of `previous` (the same figures as published before the register
    changed) know of `view`: a cell whose figure did not change is the same figure, so it
    keeps its state. Returns (`given`, `frozen`) for `protect`: cells hidden before stay
    hidden; cells shown before stay shown, unless they are small now. A cell that switched
    would tell what it held (hidden, then 0 with its total unchanged: it was 0 before)."""
    small = sensitive(view, min_n=min_n)
    given, frozen = set(), set()
    for key, cell in view.cells.items():
        before = previous.view.cells.get(key)
        if before is None or before != cell or key in previous.unpublished:
            continue
        if key in previous.hidden:
            given.add(key)
        elif key not in small:
            frozen.add(key)
    return given, frozen


def still_certified(
    certificates: Mapping[str, Moves], view: View, known: Iterable[Sum | AtMost]
) -> dict[str, Moves]:
    """The perturbations found for other views that are still tables agreeing with all of
    `view`: those moving only cells `view` has, none of them in a relation of `view` that is
    not among `known` (the relations they were found under)."""
    known = set(known)
    anew = {
        key
        for relation in view.sums
        if relation not in known
        for key in (relation.total, *relation.parts)
    } | {key for bound in view.bounds if bound not in known for key in bound.members}
    return {
        key: moved
        for key, moved in certificates.items()
        if moved <= view.cells.keys() and not moved & anew
    }


@dataclass(frozen=True)
class Around:
    """What a view protected elsewhere fixes for cells about to be published with it: the
    relations that tie them, through its hidden cells, to anything else it publishes."""

    view: View
    given: frozenset[str]
    frozen: frozenset[str]
    small: frozenset[str]
    #: the perturbations that settled its small cells (`Protected.certificates`)
    certificates: Mapping[str, Moves] = field(default_factory=dict)
    #: its cells hidden for group disclosure (`Protected.grouped`)
    grouped: frozenset[str] = frozenset()


def around(protected: Protected, keys: Iterable[str]) -> Around:
    """The part of `protected` linked to `keys`: every relation with one of them or with a
    hidden cell linked to them, and the cells of those relations (the shown ones are known
    values; the hidden ones unknowns whose intervals the new view must not narrow below what
    their own protection needs: a service's detail tables must not pin down a neighbour
    that hides a small service in the county's total)."""
    source = protected.view
    relations: list[tuple[str, ...]] = [(r.total, *r.parts) for r in source.sums]
    relations += [bound.members for bound in source.bounds]
    by_cell: dict[str, list[int]] = {}
    for index, members in enumerate(relations):
        for key in members:
            by_cell.setdefault(key, []).append(index)
    frontier = [k for k in keys if k in source.cells]
    reached, used = set(frontier), set()
    while frontier:
        key = frontier.pop()
        for index in by_cell.get(key, ()):
            if index in used:
                continue
            used.add(index)
            for member in relations[index]:
                if member not in reached:
                    reached.add(member)
                    if member in protected.hidden:
                        frontier.append(member)
    view = View()
    for key in sorted(reached):
        view.cells[key] = source.cells[key]
    view.sums = [source.sums[i] for i in sorted(used) if i < len(source.sums)]
    view.bounds = [
        source.bounds[i - len(source.sums)] for i in sorted(used) if i >= len(source.sums)
    ]
    view.shares = [s for s in source.shares if {s.key, s.numerator, s.denominator} <= reached]
    view.constants = source.constants & reached
    hidden = reached & protected.hidden
    small = protected.primary & reached
    return Around(
        view,
        frozenset(hidden),
        frozenset(reached - hidden),
        frozenset(small),
        {k: v for k, v in protected.certificates.items() if k in small and v <= reached},
        frozenset(protected.grouped & reached),
    )
