"""A small cell proved by two tables, one lower and one higher (`partners._split`), where that
needs fewer partners than one table higher by the whole width (issue 27: hide no more than the
attack's criterion asks). The audit asks that a small figure lie in an interval at least five
wide, not that it could be five higher."""

from __future__ import annotations

import importlib
from contextlib import contextmanager

from hypothesis import given, settings

from laget.domain.protection import View, audit, narrowest, protect
from laget.domain.tests.views import two_way, two_way_tables

partners_module = importlib.import_module("laget.domain.protection.partners")


@contextmanager
def _split_first(on: bool):
    previous, partners_module.SPLIT_FIRST = partners_module.SPLIT_FIRST, on
    try:
        yield
    finally:
        partners_module.SPLIT_FIRST = previous


def _network() -> View:
    """A network's staff in three role groups: leadership 6 (three leaders and three deputies,
    neither published on its own), core 39, other roles 13; 58 in all."""
    view = View()
    for key, value in {"leader": 3, "deputy": 3, "leadership": 6, "core": 39, "other": 13}.items():
        view.add(key, value)
    view.add("staff", 58)
    view.total("leadership", ["leader", "deputy"])
    view.total("staff", ["leadership", "core", "other"])
    return view


def test_a_leadership_of_six_stays_shown_where_it_holds_three_leaders_between_zero_and_six():
    """Six leaders and deputies hold three leaders anywhere from 0 to 6: wide enough. One
    table up by five would need them at 8, so the upward search hides the six (and a partner
    for it); the two tables hide nothing published."""
    unpublished = {"leader", "deputy"}
    with _split_first(True):
        split = protect(_network(), unpublished=unpublished)
    with _split_first(False):
        upward = protect(_network(), unpublished=unpublished)
    assert split.hidden == unpublished
    assert "leadership" in upward.hidden and len(upward.hidden) > len(unpublished) + 1
    for protected in (split, upward):
        intervals = audit(protected.view, protected.hidden, only=protected.primary)
        assert narrowest(intervals) >= 5 - 1e-6
    # the proof of each leader count is the two tables: down to zero and up to five
    assert {"leader", "deputy"} <= split.certificates["leader"]
    assert len(split.certificates["leader"].shifts) == 2


@settings(max_examples=60, deadline=None)
@given(
    rows=two_way_tables(),
)
def test_every_small_cell_proved_by_two_tables_passes_the_attack(rows):
    """Whatever the table, a small cell settled by two tables lies in an interval at least
    five wide, and the cells its tables move are hidden."""
    protected = protect(two_way(rows), best=False)
    if protected.primary:
        intervals = audit(protected.view, protected.hidden, only=protected.primary)
        assert narrowest(intervals) >= 5 - 1e-6
    for key in protected.primary:
        assert key in protected.certificates[key] <= protected.hidden
