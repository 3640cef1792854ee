"""Primary and secondary suppression of a view, until the audit finds every hidden count at
least `min_n` wide."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from laget.domain.protection.audit import MIN_N, audit
from laget.domain.protection.ledger import consulted
from laget.domain.protection.optimal import optimal, small_enough
from laget.domain.protection.pattern import Patterns, components
from laget.domain.protection.view import AtMost, Sum, View, disclosing, sensitive
from laget.domain.suppression import Figure


@dataclass(frozen=True)
class Protected:
    view: View
    hidden: frozenset[str]
    min_n: int
    #: the cells hidden as small (the rest of `hidden` protects them)
    primary: frozenset[str] = frozenset()
    #: cells never published, there only for the relations they are part of
    unpublished: frozenset[str] = frozenset()
    #: what the figures are about beyond their keys (the date they are taken on): views of
    #: different scopes are never put together (the same key is another figure there)
    scope: str = ""
    #: for each small cell the pattern search settled, the cells its perturbation moves: a
    #: view built around this one need not look again while it relates none of them anew
    certificates: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: the cells hidden for group disclosure (a category holding everyone: `disclosing`)
    grouped: frozenset[str] = frozenset()

    def shown(self, key: str) -> float | None:
        """The value to publish, or None for «skjult»."""
        value, _persons, hidden = self.read(key)
        return None if hidden else value

    def figure(self, key: str) -> Figure:
        """A figure as published (see `read`), naming the cell it comes from."""
        value, persons, hidden = self.read(key)
        return Figure(value, persons, hidden, source=key)

    def read(self, key: str) -> tuple[float, int, bool]:
        """A figure as published: its value, the persons it rests on and whether it is
        hidden. Every page reads through here, so the open ledger learns what it was built
        from (see `ledger`)."""
        consulted(self)
        cell = self.view.cells[key]
        return cell.value, cell.persons, key in self.hidden


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


def _hide_shares(view: View, hidden: set[str]) -> None:
    """A share goes with its numerator and denominator: shown with one of them hidden, it
    reveals the other."""
    for share in view.shares:
        if share.numerator in hidden or share.denominator in hidden:
            hidden.add(share.key)


def protect(
    view: View,
    *,
    min_n: int = MIN_N,
    given: Iterable[str] = (),
    frozen: Iterable[str] = (),
    unpublished: Iterable[str] = (),
    small: Iterable[str] = (),
    grouped: Iterable[str] = (),
    scope: str = "",
    certified: Mapping[str, frozenset[str]] | None = None,
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
    around its status figures, which the county and nation already publish).

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
    frozen, unpublished = set(frozen), set(unpublished)
    wrong = {k for k in frozen if 0 < view.cells[k].persons < min_n} | (frozen & set(given))
    if wrong:
        raise ValueError(f"shown elsewhere, but sensitive here: {sorted(wrong)}")
    # a zero shown elsewhere is shown because a zero about many there says it already
    primary = (
        sensitive(view, min_n=min_n, known=frozen, unknown=unpublished) | set(small)
    ) - frozen
    groups = frozenset((disclosing(view, min_n=min_n) | set(grouped)) - primary - frozen)
    hidden = set(primary) | set(given) | set(unpublished) | groups
    _hide_shares(view, hidden)
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
    left, certificates = _by_patterns(
        view, tables, hidden, frozen, primary, min_n, certified or {}, best=best
    )
    _groups_by_patterns(view, hidden, frozen, groups)
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
    return Protected(
        view=view,
        hidden=frozenset(hidden),
        min_n=min_n,
        primary=frozenset(primary),
        unpublished=frozenset(unpublished),
        scope=scope,
        certificates={k: v for k, v in certificates.items() if k in hidden},
        grouped=groups,
    )


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
    certificates: Mapping[str, frozenset[str]], view: View, known: Iterable[Sum | AtMost]
) -> dict[str, frozenset[str]]:
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


def _by_patterns(
    view: View,
    tables: list[tuple[list[str], list[Sum], list[AtMost]]],
    hidden: set[str],
    frozen: set[str],
    primary: frozenset[str],
    min_n: int,
    certified: Mapping[str, frozenset[str]],
    *,
    best: bool = True,
) -> tuple[list[str], dict[str, frozenset[str]]]:
    """Hide, for each small cell in turn (the smallest first), the shown cells the cheapest
    perturbation moving it up by `min_n` needs (`pattern`), one model per group of linked
    cells; a perturbation that moves other small cells as far settles them too, and so does
    one found for a view this one builds on (`certified`, by the cells it moves). Where the
    group is small enough (`best`), one programme chooses for all its small cells at once
    (`optimal`), and the greedy search is left for what it could not settle. Returns the
    cells for which there is none, and each cell's perturbation by the cells it moves."""
    left: list[str] = []
    certificates = {k: moved for k, moved in certified.items() if k in primary and moved <= hidden}
    for keys, sums, bounds in tables:
        targets = sorted(
            primary.difference(certificates).intersection(keys),
            key=lambda k: (view.cells[k].value, k),
        )
        if not targets:
            continue
        if best and small_enough(keys, targets):
            settled = _optimally(view, keys, sums, bounds, hidden, frozen, targets, min_n)
            if settled is not None:
                hidden |= settled[0]
                _hide_shares(view, hidden)
                certificates.update(settled[1])
                continue
        patterns = Patterns(view, keys, sums, hidden, frozen, bounds)
        for target in targets:
            if target in certificates:
                continue
            found = patterns.to_hide(target, min_n)
            if found is None:
                split = _split(patterns, target, view.cells[target].value, min_n)
                if split is None:
                    left.append(target)
                    continue
                hide, moved = split
                if hide:
                    hidden |= hide
                    _hide_shares(view, hidden)
                    patterns.hide(hide)
                certificates[target] = moved
                continue
            if found.hide:
                hidden |= found.hide
                _hide_shares(view, hidden)
                patterns.hide(found.hide)
            for key in found.far & primary:
                certificates.setdefault(key, found.moved)
            certificates[target] = found.moved
    return left, certificates


def _optimally(
    view: View,
    keys: list[str],
    sums: list[Sum],
    bounds: list[AtMost],
    hidden: set[str],
    frozen: set[str],
    targets: list[str],
    min_n: int,
) -> tuple[frozenset[str], dict[str, frozenset[str]]] | None:
    """The partners one programme chooses for all of a table's small cells (`optimal`), each
    small cell then proved safe by the perturbation model with them hidden (which moves no
    shown cell) and certified by the cells it moves. None when the programme found none, or
    its choice does not prove out (the greedy search takes the table then)."""
    choice = optimal(
        view, keys, sums, bounds, hidden=hidden, frozen=frozen, targets=targets, min_n=min_n
    )
    if choice is None:
        return None
    patterns = Patterns(view, keys, sums, hidden | choice.hide, frozen, bounds)
    moved: dict[str, frozenset[str]] = {}
    for target in targets:
        found = patterns.to_hide(target, min_n)
        if found is None or found.hide:
            return None
        moved[target] = found.moved
    return choice.hide, moved


def _split(
    patterns: Patterns, target: str, value: float, min_n: int
) -> tuple[frozenset[str], frozenset[str]] | None:
    """Where no table moves `target` up by `min_n` (a band it lies in keeps it below), two
    tables that move it down to zero and up by the rest prove the same width: the interval
    holds both. Returns the cells to hide for both and the cells they move; None when
    either is missing."""
    down = min(int(value), min_n - 1)
    if down < 1:
        return None
    up = patterns.to_hide(target, min_n - down)
    below = patterns.to_hide(target, down, down=True) if up is not None else None
    if up is None or below is None:
        return None
    return up.hide | below.hide, up.moved | below.moved


def _groups_by_patterns(
    view: View, hidden: set[str], frozen: set[str], groups: frozenset[str]
) -> None:
    """For each category that holds everyone of its total, hide the shown cells the cheapest
    table moving it down by one needs (another person in another category: a reader cannot
    tell everyone's). Where the cells fixed around the view allow none, the figure is known
    from where it was shown, and hiding more here would not unsay it."""
    if not groups:
        return
    for keys, sums, bounds in components(view):
        targets = sorted(groups.intersection(keys))
        if not targets:
            continue
        patterns = Patterns(view, keys, sums, hidden, frozen, bounds)
        for target in targets:
            found = patterns.to_hide(target, 1.0, down=True)
            if found is not None and found.hide:
                hidden |= found.hide
                _hide_shares(view, hidden)
                patterns.hide(found.hide)


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
            _hide_shares(view, hidden)
            changed = True


def _with(hidden: set[str], key: str, view: View) -> set[str]:
    more = {*hidden, key}
    _hide_shares(view, more)
    return more


@dataclass(frozen=True)
class Around:
    """What a view protected elsewhere fixes for cells about to be published with it: the
    relations that tie them, through its hidden cells, to anything else it publishes."""

    view: View
    given: frozenset[str]
    frozen: frozenset[str]
    small: frozenset[str]
    #: the perturbations that settled its small cells (`Protected.certificates`)
    certificates: Mapping[str, frozenset[str]] = field(default_factory=dict)
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
