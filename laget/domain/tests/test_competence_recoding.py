"""The forms a unit's statuses are published in, and the bands (issue 27, item 1)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laget.domain.competence import Status
from laget.domain.competence.recoding import (
    BY_KEY,
    FORMS,
    MERGED,
    ON_TRACK,
    REST,
    band,
    form_for,
    narrowest_band,
)
from laget.domain.protection import MIN_N


def test_each_size_has_the_finest_form_its_covered_staff_allow():
    assert [form_for(n).key for n in (0, 3, 11, 12, 23, 24, 49, 50, 199, 200, 5000)] == [
        "none",
        "none",
        "none",
        "halves",
        "halves",
        "two",
        "two",
        "four",
        "four",
        "statuses",
        "statuses",
    ]
    with pytest.raises(ValueError, match="negative"):
        form_for(-1)


def test_every_form_splits_the_covered_without_overlap():
    for form in FORMS:
        finer = [c for c in form.categories if c not in MERGED[2:]]
        statuses = [s for c in finer for s in c.statuses]
        assert len(statuses) == len(set(statuses))
        if finer:  # the finer categories cover every status of the covered, once
            assert set(statuses) == {*ON_TRACK, *REST}
    assert set(ON_TRACK) == {Status.MEETS, Status.WILL_MEET}
    assert not set(ON_TRACK) & set(REST)
    assert BY_KEY["statuses"] is FORMS[0]


@pytest.mark.parametrize("parts, least", [(2, 12), (4, 24)])
def test_a_band_holds_at_least_five_persons_wherever_it_is_given(parts, least):
    """The audit's criterion (an interval at least `MIN_N` wide) holds for every value in
    every unit that gets the band; one fewer covered would break it."""
    for covered in range(least, 1200):
        assert narrowest_band(covered, parts) >= MIN_N, covered
    assert narrowest_band(least - 2, parts) < MIN_N  # the limits keep a margin of one


@given(st.integers(1, 3000), st.data(), st.sampled_from([2, 4]))
def test_the_band_holds_the_value_and_reads_as_its_share(covered, data, parts):
    value = data.draw(st.integers(0, covered))
    found = band(value, covered, parts)
    assert found.low <= value <= found.high
    start, end = found.percent
    share = value / covered * 100
    assert start <= share and (share < end or found.index == parts - 1)
    # the ends are what the printed share range tells a reader who knows the covered staff
    assert all(band(v, covered, parts).index == found.index for v in (found.low, found.high))
    if found.low > 0:
        assert band(found.low - 1, covered, parts).index < found.index
    if found.high < covered:
        assert band(found.high + 1, covered, parts).index > found.index


def test_the_band_is_written_as_a_share_range():
    assert band(3, 24, 4).text == "under 25 %"
    assert band(12, 24, 4).text == "50 %–under 75 %"
    assert band(24, 24, 4).text == "minst 75 %"
    assert band(6, 12, 2).text == "minst 50 %"
    with pytest.raises(ValueError, match="no band"):
        band(13, 12, 2)
