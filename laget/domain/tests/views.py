"""Views the protection tests share."""

from hypothesis import strategies as st

from laget.domain.protection import View


def band_bound() -> View:
    """24 covered, 22 of them on track (unpublished) in the band «minst 75 %» (18 to 24), and
    2 others: the band keeps those 2 from rising by five."""
    view = View()
    view.add("subject", 24)
    view.add("on_track", 22)
    view.add("rest", 2)
    view.total("subject", ["on_track", "rest"])
    view.constant("band.low", 18)
    view.constant("band.high", 24)
    view.at_most(["band.low"], ["on_track"])
    view.at_most(["on_track"], ["band.high"])
    return view


def two_way(rows: list[list[int]]) -> View:
    """A table with its row, column and grand totals (staff by role and status, say)."""
    view = View()
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            view.add(f"c{i}{j}", value)
        view.add(f"r{i}", sum(row))
        view.total(f"r{i}", [f"c{i}{j}" for j in range(len(row))])
    for j in range(len(rows[0])):
        view.add(f"k{j}", sum(row[j] for row in rows))
        view.total(f"k{j}", [f"c{i}{j}" for i in range(len(rows))])
    view.add("all", sum(map(sum, rows)))
    view.total("all", [f"r{i}" for i in range(len(rows))])
    view.total("all", [f"k{j}" for j in range(len(rows[0]))])
    return view


def two_way_tables() -> st.SearchStrategy[list[list[int]]]:
    """Random two-way tables 2×2 to 5×5 of small and large counts (rows of equal length)."""
    return st.lists(
        st.lists(st.sampled_from([0, 1, 2, 3, 4, 6, 8, 12, 20, 35]), min_size=2, max_size=5),
        min_size=2,
        max_size=5,
    ).filter(lambda rows: len({len(r) for r in rows}) == 1)
