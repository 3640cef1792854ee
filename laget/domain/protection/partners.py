"""Secondary suppression by perturbations: the partners each small figure needs, chosen one
figure at a time (`pattern`) or for a whole table at once (`optimal`), and those a category
holding everyone needs (group disclosure)."""

from __future__ import annotations

from collections.abc import Mapping

from laget.domain.protection.optimal import optimal, small_enough
from laget.domain.protection.pattern import Moves, Patterns, components
from laget.domain.protection.view import AtMost, Sum, View


def hide_shares(view: View, hidden: set[str]) -> None:
    """A share goes with its numerator and denominator: shown with one of them hidden, it
    reveals the other."""
    for share in view.shares:
        if share.numerator in hidden or share.denominator in hidden:
            hidden.add(share.key)


#: whether a small cell is proved by two tables (down and up) where that needs fewer partners
#: than one table up by the whole width (switched off only to measure what it saves)
SPLIT_FIRST = True


def by_patterns(
    view: View,
    tables: list[tuple[list[str], list[Sum], list[AtMost]]],
    hidden: set[str],
    frozen: set[str],
    primary: frozenset[str],
    min_n: int,
    certified: Mapping[str, Moves],
    *,
    best: bool = True,
) -> tuple[list[str], dict[str, Moves]]:
    """Hide, for each small cell in turn (the smallest first), the shown cells the cheapest
    perturbation moving it up by `min_n` needs (`pattern`), one model per group of linked
    cells, or two tables moving it down and up where they need fewer (`_split`); a
    perturbation that moves other small cells as far settles them too, and so does one found
    for a view this one builds on (`certified`, by the cells it moves). Where the group is
    small enough (`best`), one programme chooses for all its small cells at once (`optimal`,
    with one table up each), and is taken where it hides less than the greedy search. Returns
    the cells for which there is none, and each cell's perturbation (`Moves`)."""
    left: list[str] = []
    certificates = {k: moved for k, moved in certified.items() if k in primary and moved <= hidden}
    for keys, sums, bounds in tables:
        targets = sorted(
            primary.difference(certificates).intersection(keys),
            key=lambda k: (view.cells[k].value, k),
        )
        if not targets:
            continue
        settled = None
        if best and small_enough(keys, targets):
            settled = _optimally(view, keys, sums, bounds, hidden, frozen, targets, min_n)
        greedy_hidden, greedy_certificates = set(hidden), dict(certificates)
        greedy_left = _greedily(
            view, (keys, sums, bounds), greedy_hidden, frozen, targets, primary, min_n,
            greedy_certificates,
        )  # fmt: skip
        if settled is not None:
            cost = Patterns(view, keys, sums, hidden, frozen, bounds).cost
            if greedy_left or cost(settled[0]) <= cost(greedy_hidden - hidden):
                hidden |= settled[0]
                hide_shares(view, hidden)
                certificates.update(settled[1])
                continue
        hidden |= greedy_hidden
        certificates = greedy_certificates
        left += greedy_left
    return left, certificates


def _greedily(
    view: View,
    table: tuple[list[str], list[Sum], list[AtMost]],
    hidden: set[str],
    frozen: set[str],
    targets: list[str],
    primary: frozenset[str],
    min_n: int,
    certificates: dict[str, Moves],
) -> list[str]:
    """The greedy search over one table: for each small cell, the cheaper of one table up by
    `min_n` and two tables down and up (`_split`), its partners added to `hidden` and its
    proof to `certificates`. Returns the cells with neither."""
    keys, sums, bounds = table
    patterns = Patterns(view, keys, sums, hidden, frozen, bounds)
    left = []
    for target in targets:
        if target in certificates:
            continue
        found = patterns.to_hide(target, min_n)
        split = None
        if found is None or (found.hide and SPLIT_FIRST):
            # «leader and deputy: 6» holds a leader of 3 between 0 and 6, though never at 8
            split = _split(patterns, target, view.cells[target].value, min_n)
            if found is None and split is None:
                left.append(target)
                continue
        if split is not None and (
            found is None or patterns.cost(split[0]) < patterns.cost(found.hide)
        ):
            hide, moves = split
        else:
            assert found is not None
            hide, moves = found.hide, found.moves()
            for key in found.far & primary:
                certificates.setdefault(key, moves)
        if hide:
            hidden |= hide
            hide_shares(view, hidden)
            patterns.hide(hide)
        certificates[target] = moves
    return left


def _optimally(
    view: View,
    keys: list[str],
    sums: list[Sum],
    bounds: list[AtMost],
    hidden: set[str],
    frozen: set[str],
    targets: list[str],
    min_n: int,
) -> tuple[frozenset[str], dict[str, Moves]] | None:
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
    moved: dict[str, Moves] = {}
    for target in targets:
        found = patterns.to_hide(target, min_n)
        if found is None or found.hide:
            return None
        moved[target] = found.moves()
    return choice.hide, moved


def _split(
    patterns: Patterns, target: str, value: float, min_n: int
) -> tuple[frozenset[str], Moves] | None:
    """Where no table moves `target` up by `min_n` (a band it lies in keeps it below), two
    tables that move it down to zero and up by the rest prove the same width: the interval
    holds both. Returns the cells to hide for both and both tables (`Moves`); None when
    either is missing."""
    down = min(int(value), min_n - 1)
    if down < 1:
        return None
    up = patterns.to_hide(target, min_n - down)
    below = patterns.to_hide(target, down, down=True) if up is not None else None
    if up is None or below is None:
        return None
    return up.hide | below.hide, up.moves() | below.moves()


def groups_by_patterns(
    view: View, hidden: set[str], frozen: set[str], groups: frozenset[str]
) -> dict[str, Moves]:
    """For each category that holds everyone of its total, hide the shown cells the cheapest
    table moving it down by one needs (another person in another category: a reader cannot
    tell everyone's). Where the cells fixed around the view allow none, the figure is known
    from where it was shown, and hiding more here would not unsay it. Returns each
    category's table (`Moves`), where there is one."""
    down: dict[str, Moves] = {}
    if not groups:
        return down
    for keys, sums, bounds in components(view):
        targets = sorted(groups.intersection(keys))
        if not targets:
            continue
        patterns = Patterns(view, keys, sums, hidden, frozen, bounds)
        for target in targets:
            found = patterns.to_hide(target, 1.0, down=True)
            if found is None:
                continue
            down[target] = found.moves()
            if found.hide:
                hidden |= found.hide
                hide_shares(view, hidden)
                patterns.hide(found.hide)
    return down
