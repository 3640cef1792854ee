"""Inequalities a reader knows (issue 26): a timeline's count at a year-end says something
about the statuses beside it without being their sum."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from laget.domain.protection import View, audit, narrowest, protect

STATUSES = ("cannot", "at_risk", "needs_check", "will_meet", "meets", "exempt")


def _service(counts: dict[str, int], timeline: list[int], *, bounds: bool) -> View:
    """A service's statuses, their total, and the timeline to the deadline (the last count)."""
    view = View()
    for key in STATUSES:
        view.add(key, counts[key])
    view.add("subject", sum(counts.values()))
    view.total("subject", list(STATUSES))
    days = [view.add(f"t{i}", value) for i, value in enumerate(timeline)]
    if bounds:
        view.at_most(["meets"], [days[0]])
        for earlier, later in itertools.pairwise(days):
            view.at_most([earlier], [later])
        view.at_most(["meets", "will_meet"], [days[-1]])
        view.at_most([days[-1]], ["meets", "will_meet", "needs_check", "exempt"])
    return view


COUNTS = {"cannot": 3, "at_risk": 5, "needs_check": 0, "will_meet": 10, "meets": 2, "exempt": 0}


def test_the_timeline_at_the_deadline_gives_a_hidden_status_away_unless_the_view_knows_it():
    """The county's attack: «Oppfyller» hidden (2), but the timeline shows 12 at the deadline
    and «Vil oppfylle» 10, with nobody to check or exempted: 12 − 10 = 2."""
    unaware = protect(_service(COUNTS, [2, 7, 12], bounds=False))
    attacked = audit(_service(COUNTS, [2, 7, 12], bounds=True), unaware.hidden)
    assert "meets" in unaware.hidden
    assert attacked["meets"].width < 5  # before: the protection did not know the timeline

    aware = protect(_service(COUNTS, [2, 7, 12], bounds=True))
    intervals = audit(aware.view, aware.hidden)
    assert narrowest({k: i for k, i in intervals.items() if k in aware.primary}) >= 5


def test_the_audit_reads_an_inequality_both_ways():
    view = _service(COUNTS, [2, 7, 12], bounds=True)
    # with only «oppfyller» and the first year-end hidden: meets ≤ t0 ≤ t1 = 7, and
    # meets = 20 − 3 − 5 − 0 − 10 − 0 = 2 exactly from the sum
    intervals = audit(view, {"meets", "t0"})
    assert (intervals["meets"].low, intervals["meets"].high) == (2, 2)
    assert (intervals["t0"].low, intervals["t0"].high) == (2, 7)


def test_a_view_whose_inequality_does_not_hold_is_refused():
    import pytest

    view = _service(COUNTS, [2, 7, 11], bounds=True)  # 11 at the deadline < 2 + 10
    with pytest.raises(ValueError, match="is more than"):
        protect(view)


@settings(max_examples=40, deadline=None)
@given(
    counts=st.fixed_dictionaries({key: st.integers(0, 14) for key in STATUSES}),
    moved=st.lists(st.integers(0, 6), min_size=1, max_size=3),
)
def test_no_small_status_can_be_placed_narrower_than_five_with_the_timeline(counts, moved):
    """Random services: the statuses, and a timeline that rises from those meeting it today
    to everyone who will, with the needs-check and exempted counted or not at the end."""
    meets, will = counts["meets"], counts["will_meet"]
    timeline, value = [], meets
    for step in moved[:-1]:
        value = min(value + step, meets + will)
        timeline.append(value)
    extra = min(moved[-1], counts["needs_check"] + counts["exempt"])
    timeline.append(meets + will + extra)
    protected = protect(_service(counts, timeline, bounds=True))
    intervals = audit(protected.view, protected.hidden)
    small = {k: i for k, i in intervals.items() if k in protected.primary}
    assert narrowest(small) >= 5 - 1e-6
