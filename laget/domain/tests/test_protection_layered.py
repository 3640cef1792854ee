"""Views protected on top of others, table by table (issue 27, item 2): the proofs a view
carries as tables (`Moves`), cells pinned by a view protected before (`protect(known=…)`),
and a view's tables following another view's proof (`Patterns.to_absorb`)."""

from __future__ import annotations

import pickle

import pytest

from laget.domain.protection import Moves, View, audit, narrowest, protect
from laget.domain.protection.pattern import Patterns
from laget.domain.tests.views import two_way


def _applied(view: View, shift) -> dict[str, float]:
    values = {key: cell.value for key, cell in view.cells.items()}
    for key, amount in shift:
        values[key] += amount
    return values


def test_each_proof_is_a_table_that_agrees_with_everything_published():
    """A small cell's certificate names the cells its table moves and the table itself: the
    table keeps every sum, moves the cell up by five, lowers nothing below zero and moves
    nothing shown."""
    view = two_way([[2, 9, 14], [11, 3, 20], [8, 12, 1]])
    protected = protect(view)
    assert protected.certificates
    for key, moves in protected.certificates.items():
        assert isinstance(moves, Moves) and moves.shifts
        for shift in moves.shifts:
            values = _applied(view, shift)
            moved = {k for k, amount in shift if abs(amount) > 1e-7}
            assert moved <= protected.hidden and moved <= moves
            assert all(v >= -1e-7 for v in values.values())
            for relation in view.sums:
                assert values[relation.total] == pytest.approx(
                    sum(values[p] for p in relation.parts)
                )
        assert sum(max(a, 0) for s in moves.shifts for k, a in s if k == key) >= 5 - 1e-7
    restored = pickle.loads(pickle.dumps(protected))
    assert all(
        restored.certificates[k].shifts == m.shifts for k, m in protected.certificates.items()
    )


def test_two_proofs_joined_keep_both_tables():
    up = Moves({"a", "b"}, ((("a", 5.0), ("b", -5.0)),))
    down = Moves({"a", "c"}, ((("a", -2.0), ("c", 2.0)),))
    both = up | down
    assert both == {"a", "b", "c"}
    assert both.shifts == up.shifts + down.shifts


def test_a_cell_pinned_by_the_view_below_stays_hidden_and_moves_in_no_proof():
    """The margins come from a view protected before (one of them hidden there): this view
    hides it too, proves its own small cells with tables that leave every margin as it is,
    and its attack, taking the margins as known, finds every small cell five wide."""
    view = two_way([[2, 9, 14], [11, 6, 20], [8, 12, 7]])
    margins = {"r0", "r1", "r2", "k0", "k1", "k2", "all"}
    protected = protect(view, frozen=margins - {"r0"}, known={"r0"})
    assert "r0" in protected.hidden and "r0" not in protected.primary
    for moves in protected.certificates.values():
        assert not moves & margins
    intervals = audit(view, protected.hidden - {"r0"}, only=protected.primary)
    assert narrowest(intervals) >= 5 - 1e-7


def test_a_table_follows_the_move_of_its_margins_by_hiding_the_cells_it_needs():
    """The view below proves a figure safe with a table that moves two rows (+5, −5), the
    columns staying: this view's cells must move with it. Shown cells the move needs are
    named to hide; where the cells are fixed, no table follows."""
    view = two_way([[6, 9], [11, 7]])
    keys = list(view.cells)
    pinned = {"r0", "r1", "k0", "k1", "all"}
    patterns = Patterns(view, keys, view.sums, pinned, pinned)
    found = patterns.to_absorb({"r0": 5.0, "r1": -5.0})
    assert found is not None
    assert found.hide in ({"c00", "c10"}, {"c01", "c11"})
    values = _applied(view, found.shift)
    assert (values["r0"], values["r1"], values["k0"], values["k1"]) == (20, 13, 17, 16)
    for relation in view.sums:
        assert values[relation.total] == pytest.approx(sum(values[p] for p in relation.parts))
    fixed = Patterns(view, keys, view.sums, pinned, pinned | {"c00", "c01"})
    assert fixed.to_absorb({"r0": 5.0, "r1": -5.0}) is None
    # and a cell moved up with it, where the table allows
    with_target = patterns.to_absorb({"r0": 5.0, "r1": -5.0}, target="c01", amount=5.0)
    assert with_target is not None and dict(with_target.shift)["c01"] >= 5 - 1e-7


def test_a_zero_a_pinned_total_holds_is_still_news_to_a_reader():
    """«None of the three leaders meets the requirement»: the service's «meets» is zero, but
    hidden by the view below. Pinned, the attack may take it as known; a reader does not know
    it, so the leaders' zero is still a small figure to protect: here no table moves it while
    «meets» stays, so it is refused (the caller then protects the tables with the figures
    below, or hides them whole); shown below, the zero is said already."""
    view = View()
    for role, values in {"leader": (0, 2, 1), "core": (0, 5, 7)}.items():
        for status, value in zip(("meets", "cannot", "risk"), values, strict=True):
            view.add(f"{role}.{status}", value)
        view.add(role, sum(values))
        view.total(role, [f"{role}.{s}" for s in ("meets", "cannot", "risk")])
    for status in ("meets", "cannot", "risk"):
        view.add(status, view.cells[f"leader.{status}"].value + view.cells[f"core.{status}"].value)
        view.total(status, [f"leader.{status}", f"core.{status}"])
    with pytest.raises(ValueError, match=r"leader\.meets"):
        protect(view, frozen={"core"}, given={"cannot", "risk"}, known={"meets"})
    shown = protect(view, frozen={"core", "meets"}, given={"cannot", "risk"})
    assert "leader.meets" not in shown.primary and "leader.cannot" in shown.primary
