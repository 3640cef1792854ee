"""Primary and secondary suppression of a view, until the audit finds every hidden count at
least `min_n` wide."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from laget.domain.protection.audit import MIN_N, audit
from laget.domain.protection.layered import Around, around, as_before, still_certified
from laget.domain.protection.optimal import small_enough
from laget.domain.protection.partners import (
    by_patterns,
    groups_by_patterns,
    hide_shares,
)
from laget.domain.protection.pattern import Moves, components
from laget.domain.protection.protected import Protected
from laget.domain.protection.view import View, disclosing, sensitive

__all__ = [
    "MIN_N",
    "Around",
    "Protected",
    "around",
    "as_before",
    "protect",
    "sensitive",
    "still_certified",
]


def _links(view: View) -> dict[str, set[str]]:
    """For each cell, the cells that appear in a relation with it."""
    links: dict[str, set[str]] = {key: set() for key in view.cells}
    groups = [{r.total, *r.parts} for r in view.sums]
    groups += [{s.key, s.numerator, s.denominator} for s in view.shares]
    groups += [set(b.members) for b in view.bounds]
    for members in groups:
        for key in members:
            links[key] |= members - {key}
    return links


def protect(
    view: View,
    *,
    min_n: int = MIN_N,
    given: Iterable[str] = (),
    frozen: Iterable[str] = (),
    unpublished: Iterable[str] = (),
    small: Iterable[str] = (),
    grouped: Iterable[str] = (),
    known: Iterable[str] = (),
    scope: str = "",
    certified: Mapping[str, Moves] | None = None,
    best: bool = True,
) -> Protected:
    """Primary suppression (fewer than `min_n` persons), then secondary suppression until the
    audit finds every small hidden count (`sensitive`) in an interval at least `min_n` wide, so
    nobody can tell whether it is below `min_n`. A cell hidden only to protect another may be
    worked out: it rests on `min_n` or more, or is a zero about no one (tau-Argus protects the
    primary cells the same way). For each small cell, the cheapest perturbation that moves
    it by `min_n` (`pattern`) names the cells to hide, so little is lost and no audit is
    needed. Only where the cells fixed around the view allow no perturbation upwards does the
    audit look, and cells are added from the relations of the cell it found exposed, parts
    before totals and smallest first; that search ends, since every round hides one more.

    A view that builds on figures protected elsewhere names them: `given` are hidden there,
    `frozen` are shown there and must stay shown (a service's detail tables are protected
    around its status figures, which the county and nation already publish). `known` are
    hidden there too, but protected there with every relation they have: this view moves
    none of them (they stay hidden here), and the attack here takes them as known, which can
    only find more than a reader does (`layered`: the views that build on the status
    figures this way).

    `unpublished` cells are never shown, but are part of relations that are («staff by role»
    is the covered staff by role and status plus those not covered, whom no table shows by
    role): an attacker may work them out, and must not when they rest on fewer than `min_n`
    persons; one resting on more may be worked out. `small` are cells another view judged
    small (with relations this one does not have): protected here as if this view had.

    Group disclosure: a category that holds everyone of its total (`disclosing`), or one
    another view judged so (`grouped`), is hidden, with the cells the cheapest table that
    moves it down by one needs: a reader cannot rule out that somebody is in another
    category. One shown elsewhere (`frozen`) is known already and stays shown.

    `best`: where a table (a group of linked cells) is small enough, its partners are chosen
    for all its small cells at once, at the least cost (`optimal`); False keeps to the greedy
    choice everywhere (the benchmark compares the two)."""
    view.check()
    frozen, unpublished, pinned = set(frozen), set(unpublished), set(known)
    wrong = {k for k in frozen if 0 < view.cells[k].persons < min_n} | (frozen & set(given))
    if wrong:
        raise ValueError(f"shown elsewhere, but sensitive here: {sorted(wrong)}")
    # a zero shown elsewhere is shown because a zero about many there says it already; one
    # hidden elsewhere says nothing to a reader (the pinned are hidden, not shown)
    primary = (
        (sensitive(view, min_n=min_n, known=frozen, unknown=unpublished | pinned) | set(small))
        - frozen
        - pinned
    )
    # from here on, a cell protected elsewhere is one the search may not move: as if shown
    frozen = frozen | pinned
    groups = frozenset((disclosing(view, min_n=min_n) | set(grouped)) - primary - frozen)
    hidden = (set(primary) | set(given) | set(unpublished) | groups) - pinned
    hide_shares(view, hidden)
    totals = {relation.total for relation in view.sums} | frozen  # never a partner
    links = _links(view)
    memberships = _memberships(view)
    tables = components(view)
    # a table solved optimally gets no partner chosen before (it would bind the programme)
    exact = {
        key
        for keys, _sums, _bounds in tables
        if best and small_enough(keys, sorted(primary.intersection(keys)))
        for key in keys
    }
    _close_sums(view, hidden, totals, frozen, min_n, frozenset(primary | groups), exact)
    # only the small cells need an interval: the rest may be worked out. The cheapest
    # perturbation per small cell settles nearly all; the audit and the search below are left
    # with what the cells fixed around the view keep from moving up
    left, certificates = by_patterns(
        view, tables, hidden, frozen, primary, min_n, certified or {}, best=best
    )
    down = groups_by_patterns(view, hidden, frozen, groups)
    intervals = audit(view, hidden, min_n=min_n, only=left, decide=True) if left else {}
    while exposed := sorted(
        (k for k, i in intervals.items() if k in primary and i.width < min_n - 1e-9),
        key=lambda k: (intervals[k].width, k),
    ):
        # One partner per exposed cell in a round, skipping cells in a relation with a target
        # or partner chosen earlier in the round; then the audit looks again.
        touched: set[str] = set()
        for target in exposed:
            if target in touched:
                continue
            candidates, _reached = _candidates(
                view, links, hidden, totals, target, min_n, memberships
            )
            candidates = [k for k in candidates if k not in frozen]
            if not candidates:
                raise ValueError(f"{target!r} cannot be protected")
            # the best by rank; the next audit tells whether it was enough (trying a few
            # partners with an audit each hid 1.5 % less on the demo, at three times the cost)
            chosen = candidates[0]
            more = _with(hidden, chosen, view) - hidden
            hidden |= more
            # the cells sharing a relation with the target or the partner may be settled by
            # it: they wait for the next audit; the rest of the component need not
            touched |= {target, chosen} | links[target] | links[chosen]
        # Hiding a cell only frees a value, so no interval narrows: only the cells still
        # exposed need another look.
        intervals.update(audit(view, hidden, min_n=min_n, only=exposed, decide=True))
    hidden |= pinned
    hide_shares(view, hidden)
    return Protected(
        view=view,
        hidden=frozenset(hidden),
        min_n=min_n,
        primary=frozenset(primary),
        unpublished=frozenset(unpublished),
        scope=scope,
        certificates={k: v for k, v in certificates.items() if k in hidden},
        grouped=groups,
        down={k: v for k, v in down.items() if k in hidden},
    )


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
            ranked[k] = (*_cost(view, k, totals, min_n, hidden, memberships, level), k)
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
    level: int = 0,
) -> tuple:
    """How a partner for secondary suppression is ranked: first by how many sums it would be
    the only hidden member of (each would need a partner in turn, so hiding spreads from
    table to table); then a cell big enough to give the hidden one room (`needed` persons)
    before one that is not (a hidden zero adds no doubt); a part before a total; and the
    fewest persons first, tau-Argus's usual cost."""
    lonely = sum(1 for members in memberships.get(key, ()) if not any(m in hidden for m in members))
    value = view.cells[key].value
    return (lonely, value < needed, level, key in totals, value)


def _memberships(view: View) -> dict[str, list[tuple[str, ...]]]:
    """For each cell, the sums it is a member of."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for relation in view.sums:
        members = (relation.total, *relation.parts)
        for key in members:
            found.setdefault(key, []).append(members)
    return found


def _close_sums(
    view: View,
    hidden: set[str],
    totals: set[str],
    frozen: set[str],
    min_n: int,
    primary: frozenset[str],
    exact: set[str],
) -> None:
    """The cheap part first: no sum may have exactly one hidden member (it would be the total
    minus the rest). The audit then only has to settle what subtraction across several
    relations can still find. Not in the tables solved optimally (`exact`)."""
    memberships = _memberships(view)
    changed = True
    while changed:
        changed = False
        for relation in view.sums:
            if relation.total in exact:
                continue
            members = [relation.total, *relation.parts]
            if sum(m in hidden for m in members) != 1:
                continue
            if not any(m in primary for m in members if m in hidden):
                continue  # its one hidden member is no small figure: it may be worked out
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
            hide_shares(view, hidden)
            changed = True


def _with(hidden: set[str], key: str, view: View) -> set[str]:
    more = {*hidden, key}
    hide_shares(view, more)
    return more
