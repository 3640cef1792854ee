"""The information the protection loses, counted once per published cell (issue 27)."""

from __future__ import annotations

from laget.domain.protection import protect
from laget.domain.protection.loss import Loss, measure
from laget.domain.tests.test_protection import _two_by_two


def test_a_two_by_two_loses_its_small_cell_and_three_partners():
    """3 | 20 / 30 | 40: the small cell, and the three inner cells that keep it from being
    subtracted out; 90 persons behind those partners, one of them (40) not far from large."""
    protected = protect(_two_by_two(3, 20, 30, 40))
    loss = measure([protected], large=40)
    assert (loss.cells, loss.primary, loss.secondary) == (9, 1, 3)
    assert loss.secondary_persons == 20 + 30 + 40
    assert loss.large_secondary == 1 and loss.large_keys == ("r2c2",)
    assert loss.hidden == 4


def test_views_sharing_cells_count_each_once_and_losses_add_up():
    """Two views of one publication share their cells (a detail table around the status
    figures): each cell is counted once; the losses of two publications add up."""
    protected = protect(_two_by_two(3, 20, 30, 40))
    once = measure([protected])
    assert measure([protected, protected]) == once
    whole = measure([], hidden_whole=2, own_rule=(5, 1))
    total = once + whole
    assert (total.cells, total.hidden_whole, total.own_rule, total.own_rule_hidden) == (9, 2, 5, 1)
    assert sum([once, whole], Loss()) == total
    nothing_small = measure([protect(_two_by_two(10, 20, 30, 40))])
    assert (nothing_small.primary, nothing_small.secondary, nothing_small.cells) == (0, 0, 9)
