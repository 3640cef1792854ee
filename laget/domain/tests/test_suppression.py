"""Small-number suppression: plain, fast, no database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laget.domain.suppression import suppress, suppress_breakdown, suppress_table


@pytest.mark.parametrize(
    ("n", "suppressed"), [(0, True), (1, True), (4, True), (5, False), (6, False), (1000, False)]
)
def test_a_figure_resting_on_fewer_than_five_persons_is_hidden(n, suppressed):
    figure = suppress(42, n)
    assert figure.suppressed is suppressed
    assert figure.shown == (None if suppressed else 42)


def test_negative_n_is_an_error():
    with pytest.raises(ValueError, match="negative"):
        suppress(1, -1)


def test_a_single_small_cell_takes_the_smallest_other_cell_with_it():
    figures = suppress_breakdown({"leder": 1, "kjerne": 20, "tiltak": 7, "adm": 9})
    assert [k for k, f in figures.items() if f.suppressed] == ["leder", "tiltak"]
    assert figures["kjerne"].shown == 20


def test_two_small_cells_need_no_complement():
    figures = suppress_breakdown({"leder": 1, "nestleder": 2, "kjerne": 20})
    assert [k for k, f in figures.items() if f.suppressed] == ["leder", "nestleder"]


def test_without_a_shown_total_no_complement_is_needed():
    figures = suppress_breakdown({"leder": 1, "kjerne": 20}, total_shown=False)
    assert [k for k, f in figures.items() if f.suppressed] == ["leder"]


def test_order_of_cells_is_kept():
    assert list(suppress_breakdown({"b": 9, "a": 1, "c": 30})) == ["b", "a", "c"]


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), min_size=1, max_size=8))
def test_no_hidden_cell_can_be_recovered_from_the_total(counts):
    figures = suppress_breakdown(counts)
    hidden = [k for k, f in figures.items() if f.suppressed]
    # Every cell under 5 is hidden ...
    assert all(figures[k].suppressed for k, v in counts.items() if v < 5)
    # ... and never exactly one cell (total minus visible cells would reveal it),
    # unless the breakdown has a single cell, whose value is the total itself.
    if len(counts) > 1:
        assert len(hidden) != 1


def test_a_table_hides_small_cells_and_enough_others_in_rows_and_columns():
    table = {"leder": {"ja": 1, "nei": 9}, "kjerne": {"ja": 20, "nei": 30}}
    figures = suppress_table(table)
    hidden = {(r, c) for r, cols in figures.items() for c, f in cols.items() if f.suppressed}
    # (leder, ja) is small; its row and its column each need a second hidden cell.
    assert hidden == {("leder", "ja"), ("leder", "nei"), ("kjerne", "ja"), ("kjerne", "nei")}


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d"]),
        st.fixed_dictionaries({k: st.integers(0, 30) for k in ("x", "y", "z")}),
        min_size=1,
    )
)
def test_no_row_or_column_of_a_table_has_exactly_one_hidden_cell(table):
    figures = suppress_table(table)
    for r, cols in table.items():
        for c, v in cols.items():
            assert figures[r][c].suppressed or v >= 5
    rows = [list(cols.values()) for cols in figures.values()]
    columns = [[figures[r][c] for r in figures] for c in ("x", "y", "z")]
    for line in rows + columns:
        if len(line) > 1:
            assert sum(f.suppressed for f in line) != 1


def test_a_count_of_persons_rests_on_itself_and_none_on_the_population():
    from laget.domain.suppression import persons_behind

    assert persons_behind(1, 40) == 1  # «1 employee is overdue»
    assert persons_behind(0, 40) == 40  # «none of 40» is about no one
    assert persons_behind(0, 3) == 3  # «none of 3» is about each of them
    assert suppress(1, persons_behind(1, 40)).suppressed
    assert not suppress(0, persons_behind(0, 40)).suppressed
    assert suppress(0, persons_behind(0, 3)).suppressed


def test_a_share_of_a_published_population_is_hidden_when_either_part_is_small():
    from laget.domain.suppression import share_of

    assert share_of(1, 6).suppressed  # 1/6 with 6 published gives 1 back
    assert share_of(19, 20).suppressed  # … and 19/20 gives the one without
    assert not share_of(10, 20).suppressed and share_of(10, 20).value == 0.5
    assert not share_of(0, 20).suppressed and not share_of(20, 20).suppressed
    assert share_of(3, 3).suppressed  # a population under five


def test_the_dominance_rule_hides_a_total_two_contributors_make():
    from laget.domain.suppression import dominated, suppress_magnitude

    assert dominated([20, 20, 1, 1, 1, 1, 1, 1])  # 40 of 46 > 85 %
    assert not dominated([5, 5, 5, 5, 5, 5])
    assert not dominated([0, 0, 0]) and not dominated([])
    with pytest.raises(ValueError, match="negative"):
        dominated([3, -1])
    assert suppress_magnitude(46, [20, 20, 1, 1, 1, 1, 1, 1]).suppressed
    assert not suppress_magnitude(30, [5] * 6).suppressed
    assert suppress_magnitude(3, [1, 1, 1]).suppressed  # fewer than five contributors
