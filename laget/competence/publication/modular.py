"""A service's detail tables, protected table by table on the status figures (issue 27,
item 2).

tau-Argus's modular method protects a hierarchy one table at a time, each with what the
tables before it fixed. Here the status figures of every service and group are protected
first, as one view; then each service's detail tables (by role, by path, the timeline, staff
by role and by age band) with its status figures **pinned**: a shown one is a known value, a
hidden one stays hidden and moves in none of the detail tables' proofs, and the attack takes
it as known (it can only find more than a reader does). Before, each service's view took in
every status figure linked to it through hidden cells (`around`): some 4,000 cells a service
at national size, 4.5 s each.

What makes the pinning safe is the proof of each small status figure: a table agreeing with
everything the status figures publish that moves it by five (`Moves.shifts`). That table
moves hidden status figures of some services; each of those services' detail tables must be
able to move with it (the statuses by role follow the statuses), moving only hidden cells of
its own (`demands`). Then the table, with each service's part, agrees with everything the
status figures and the detail tables publish; where a service's tables cannot follow, the
cheapest cells that let them are hidden (`Patterns.to_absorb`). A small status figure proved
otherwise (by the audit) has no such table: then the caller protects every service's tables
with everything linked (`around`), as before.

The groups' staff tables add the services' staff by role and by age band up, which a
service's part may move: they are protected with everything linked (`tables`), the one view
in which the status figures, the services' tables and the groups' are proved safe together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from laget.competence.publication.keys import unit_of
from laget.domain.protection import MIN_N, Moves, Protected, View, protect, sensitive
from laget.domain.protection.pattern import MOVES, Patterns

if TYPE_CHECKING:
    from laget.competence.publication.figures import CompetencePublication


def demands(published: CompetencePublication) -> dict[str, list[dict[str, float]]] | None:
    """For each service, how the tables that prove the small status figures safe move its
    status figures (each distinct move once); None when a small status figure has no such
    table (the audit proved it). Worked out once per publication."""
    if published.demands is not None:
        return published.demands or None
    protected = published.protected
    proofs = [*protected.certificates.values(), *protected.down.values()]
    shares = {share.key for share in protected.view.shares}  # safe with their numerators
    complete = all(
        isinstance(protected.certificates.get(key), Moves) for key in protected.primary - shares
    )
    found: dict[str, dict[tuple[tuple[str, float], ...], None]] = {}
    for moves in proofs if complete else ():
        for shift in moves.shifts:
            by_unit: dict[str, list[tuple[str, float]]] = {}
            for key, amount in shift:
                by_unit.setdefault(unit_of(key), []).append((key, amount))
            for unit, moved in by_unit.items():
                if unit.startswith("service:"):
                    found.setdefault(unit, {})[tuple(sorted(moved))] = None
    published.demands = (
        {unit: [dict(moved) for moved in shifts] for unit, shifts in found.items()}
        if complete
        else {}
    )
    return published.demands if complete else None


def pinned(published: CompetencePublication, view: View) -> tuple[set[str], set[str]]:
    """The status figures in `view`: those the status figures hide, and those they show."""
    status = published.protected
    cells = view.cells.keys() & status.view.cells.keys()
    hidden = {key for key in cells if key in status.hidden}
    return hidden, cells - hidden


def protect_on_status(
    published: CompetencePublication,
    view: View,
    *,
    unit: str,
    given: Iterable[str] = (),
    frozen: Iterable[str] = (),
    unpublished: Iterable[str],
) -> Protected | None:
    """Protect a service's detail tables (`view`, with the service's status figures) with
    the status figures pinned, hiding first what lets the tables follow the status figures'
    proofs on `unit` (see the module). None when this way finds no protection (the caller
    protects with everything linked)."""
    needs = demands(published)
    if needs is None:
        return None
    hidden_there, shown_there = pinned(published, view)
    status_cells = hidden_there | shown_there
    given = set(given) - status_cells
    frozen = (set(frozen) - status_cells) | shown_there
    unpublished = set(unpublished)
    followed = _follow(view, needs.get(unit, []), hidden_there, given, frozen, unpublished)
    if followed is None:
        return None
    hide, inherited = followed
    try:
        protected = protect(
            view,
            given=given | hide,
            frozen=frozen,
            known=hidden_there,
            unpublished=unpublished,
            scope=published.as_of.isoformat(),
            certified=inherited,
        )
    except ValueError:
        return None
    # a proof that moves cells of other services is no proof a later view can check here
    own = {k: m for k, m in protected.certificates.items() if k not in inherited}
    return replace(protected, certificates=own)


def _follow(
    view: View,
    shifts: list[dict[str, float]],
    hidden_there: set[str],
    given: set[str],
    frozen: set[str],
    unpublished: set[str],
) -> tuple[set[str], dict[str, Moves]] | None:
    """The cells of `view` to hide so that its tables can move with each of `shifts` (the
    status figures' proofs, on the service's status figures); None where they cannot. With
    them, the small cells these tables move far enough, up and down together (the timeline
    at the deadline is those who meet or will meet the requirement: a status figure's proof
    moves it as far): safe by the status figures' proofs, each with the cells of this view it
    moves."""
    if not shifts:
        return set(), {}
    share_keys = {share.key for share in view.shares}
    keys = [key for key in view.cells if key not in share_keys]
    small = sensitive(view, known=frozen, unknown=unpublished | hidden_there) - frozen
    hidden = set(small) | given | unpublished | hidden_there
    patterns = Patterns(view, keys, view.sums, hidden, frozen | hidden_there, view.bounds)
    hide: set[str] = set()
    reach: dict[str, list[float]] = {}  # per small cell: how far up, how far down
    moved: dict[str, set[str]] = {}
    for shift in shifts:
        found = patterns.to_absorb(shift)
        if found is None:
            return None
        hide |= found.hide
        patterns.hide(found.hide)
        for key, amount in found.shift:
            if key in small and key not in hidden_there:
                ends = reach.setdefault(key, [0.0, 0.0])
                ends[amount < 0] = max(ends[amount < 0], abs(amount))
                moved.setdefault(key, set()).update(found.moved - hidden_there)
    inherited = {
        key: Moves(moved[key]) for key, (up, down) in reach.items() if up + down >= MIN_N - MOVES
    }
    # a small cell no table of this view alone moves far enough (a path of those who meet
    # the requirement, where the status is small): one of the status figures' proofs with
    # this cell moved up by five, if the tables allow it
    for key in sorted(small - inherited.keys() - hidden_there - share_keys):
        if patterns.to_hide(key, MIN_N) is not None:
            continue
        for shift in shifts:
            found = patterns.to_absorb(shift, target=key, amount=MIN_N)
            if found is not None:
                hide |= found.hide
                patterns.hide(found.hide)
                inherited[key] = Moves(found.moved - hidden_there)
                break
    return hide, inherited
