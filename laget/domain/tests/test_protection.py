"""Protection of whole views: hand-made tables, attacked by the audit."""

from __future__ import annotations

import pytest

from laget.domain.protection import (
    View,
    around,
    audit,
    combined,
    narrowest,
    protect,
    recording,
    sensitive,
)


def _two_by_two(a: int, b: int, c: int, d: int) -> View:
    """Cells r1c1 … r2c2 with row, column and grand totals, all published."""
    view = View()
    cells = {"r1c1": a, "r1c2": b, "r2c1": c, "r2c2": d}
    for key, value in cells.items():
        view.add(key, value)
    view.add("r1", a + b)
    view.add("r2", c + d)
    view.add("c1", a + c)
    view.add("c2", b + d)
    view.add("all", a + b + c + d)
    view.total("r1", ["r1c1", "r1c2"])
    view.total("r2", ["r2c1", "r2c2"])
    view.total("c1", ["r1c1", "r2c1"])
    view.total("c2", ["r1c2", "r2c2"])
    view.total("all", ["r1", "r2"])
    view.total("all", ["c1", "c2"])
    return view


def test_a_two_by_two_with_one_small_cell_needs_three_more_hidden():
    view = _two_by_two(3, 20, 30, 40)
    # cell suppression alone is undone by subtraction
    assert audit(view, {"r1c1"})["r1c1"].width == 0
    protected = protect(view)
    inner = {"r1c1", "r1c2", "r2c1", "r2c2"}
    assert protected.hidden == inner  # three more, and no margin
    intervals = audit(view, protected.hidden)
    assert narrowest(intervals) >= 5
    assert (intervals["r1c1"].low, intervals["r1c1"].high) == (0, 23)  # 3 could be 0…23


def test_a_total_over_services_with_one_small_service():
    view = View()
    for key, value in {"fosen": 10, "heim": 5, "hitra": 5, "orkland": 12, "froya": 3}.items():
        view.add(key, value)
    view.add("network", 35)
    view.total("network", ["fosen", "heim", "hitra", "orkland", "froya"])
    assert audit(view, {"froya"})["froya"].width == 0  # 35 − 10 − 5 − 5 − 12 = 3
    protected = protect(view)
    assert "froya" in protected.hidden and len(protected.hidden) >= 2
    assert "network" not in protected.hidden  # the smallest partner goes, not the total
    assert narrowest(audit(view, protected.hidden)) >= 5


def test_a_partner_too_small_to_hide_the_small_one_is_joined_by_another():
    """Two hidden cells of 3 and 1 in a total: 3 + 1 = 4 puts both in 0…4, too narrow."""
    view = View()
    for key, value in {"a": 3, "b": 1, "c": 20, "d": 30}.items():
        view.add(key, value)
    view.add("total", 54)
    view.total("total", ["a", "b", "c", "d"])
    protected = protect(view)
    assert {"a", "b", "c"} <= protected.hidden and "d" not in protected.hidden
    assert narrowest(audit(view, protected.hidden)) >= 5


def test_two_tables_of_the_same_people_sharing_a_total():
    """Status (meets, will meet, cannot) and the paths of those who will meet; the partner the
    status table alone would pick is published in the other table."""
    view = View()
    for key, value in {"meets": 50, "will": 22, "cannot": 3, "covered": 75}.items():
        view.add(key, value)
    view.add("will_master", 7)
    view.add("will_further", 15)
    view.total("covered", ["meets", "will", "cannot"])
    view.total("will", ["will_master", "will_further"])
    naive = {"cannot", "will"}  # enough for the status table alone …
    assert audit(view, naive)["cannot"].width == 0  # … but 75 − 50 − (7 + 15) = 3
    protected = protect(view)
    assert narrowest(audit(view, protected.hidden)) >= 5
    assert "cannot" in protected.hidden


def test_a_share_whose_denominator_is_published():
    view = View()
    view.add("covered", 40)
    view.add("meets", 4)
    view.add("not_meets", 36)
    view.total("covered", ["meets", "not_meets"])
    view.share("meets_share", "meets", "covered", decimals=3)  # 10,0 %
    # the share alone, with its denominator, gives the count back
    intervals = audit(view, {"meets", "not_meets"})
    assert intervals["meets"].width < 1
    protected = protect(view)
    assert {"meets", "meets_share"} <= protected.hidden
    assert narrowest(audit(view, protected.hidden)) >= 5


def test_a_rounded_share_of_a_large_denominator_still_counts_as_publishing_the_count():
    view = View()
    view.add("staff", 1000)
    view.add("leaders", 3)
    view.add("others", 997)
    view.total("staff", ["leaders", "others"])
    view.share("leaders_share", "leaders", "staff", decimals=2)  # 0 % rounded: 0…5 persons
    protected = protect(view)
    assert "leaders_share" in protected.hidden
    assert narrowest(audit(view, protected.hidden)) >= 5


def test_nothing_small_means_nothing_hidden():
    protected = protect(_two_by_two(10, 20, 30, 40))
    assert protected.hidden == frozenset()
    assert protected.shown("r1c1") == 10


def test_merging_a_chart_into_its_page_protects_the_chart_too():
    page = View()
    page.add("covered", 3)
    chart = View()
    chart.add("covered", 3)  # the dashed line «alle som er omfattet»
    page.merge(chart, prefix="chart:")
    protected = protect(page)
    assert {"covered", "chart:covered"} <= protected.hidden


def test_a_view_that_contradicts_itself_is_refused():
    view = View()
    view.add("a", 2)
    view.add("t", 5)
    view.total("t", ["a"])
    with pytest.raises(ValueError, match="not the sum"):
        protect(view)


@pytest.mark.parametrize("seed", range(5))
def test_services_in_counties_in_a_nation_are_protected_across_every_total(seed):
    """Random services of every size, by status, with service, county and national totals:
    whatever the mix, no hidden count can be placed in an interval narrower than five."""
    import random

    rng = random.Random(seed)
    view = View()
    columns = ["meets", "will", "cannot"]
    counties: dict[int, list[int]] = {}
    for service in range(30):
        size = rng.choice([2, 3, 4, 6, 9, 15, 40])
        values = [rng.randint(0, size) for _ in columns]
        for column, value in zip(columns, values, strict=True):
            view.add(f"s{service}:{column}", value)
        view.add(f"s{service}:all", sum(values))
        view.total(f"s{service}:all", [f"s{service}:{c}" for c in columns])
        counties.setdefault(service % 4, []).append(service)
    for column in [*columns, "all"]:
        for county, services in counties.items():
            parts = [f"s{s}:{column}" for s in services]
            view.add(f"k{county}:{column}", sum(view.cells[p].value for p in parts))
            view.total(f"k{county}:{column}", parts)
        parts = [f"k{county}:{column}" for county in counties]
        view.add(f"n:{column}", sum(view.cells[p].value for p in parts))
        view.total(f"n:{column}", parts)
    protected = protect(view)
    assert protected.primary <= protected.hidden
    assert narrowest(audit(view, protected.hidden)) >= 5
    assert "n:all" not in protected.hidden


def test_a_zero_is_shown_in_a_large_population_and_hidden_in_a_small_one():
    large = View()
    for key, value in {"meets": 300, "cannot": 6, "at_risk": 0}.items():
        large.add(key, value)
    large.add("covered", 306)
    large.total("covered", ["meets", "cannot", "at_risk"])
    assert protect(large).hidden == frozenset()  # «no one at risk» of 306 says nothing
    small = View()
    for key, value in {"meets": 0, "cannot": 3}.items():
        small.add(key, value)
    small.add("covered", 3)
    small.total("covered", ["meets", "cannot"])
    # «none of the three meets it» is about each of them
    assert protect(small).hidden == {"meets", "cannot", "covered"}


def test_a_detail_table_is_protected_around_figures_published_elsewhere():
    """The service's status figures are fixed by the county's protection (meets shown, the
    small one hidden); its paths table must be protected without touching them."""
    view = View()
    for key, value in {"meets": 22, "path_a": 7, "path_b": 12, "path_c": 3}.items():
        view.add(key, value)
    view.total("meets", ["path_a", "path_b", "path_c"])
    protected = protect(view, frozen={"meets"})
    assert "meets" not in protected.hidden and {"path_c", "path_a"} <= protected.hidden
    assert narrowest(audit(view, protected.hidden)) >= 5
    with pytest.raises(ValueError, match="sensitive here"):
        protect(view, frozen={"path_c"})


def test_the_ledger_records_what_was_read_and_combines_it_as_an_attacker_would():
    """Two pages: a network's total read from one protection, two of its three services'
    figures from another. The ledger holds both; with the membership known, the unread third
    service is the total minus the two."""
    network = View()
    network.add("network|staff", 20)
    services = View()
    services.add("a|staff", 9)
    services.add("b|staff", 8)
    pages = [protect(network), protect(services)]
    with recording() as ledger:
        pages[0].shown("network|staff")
        pages[1].shown("a|staff")
    assert list(ledger.read.values()) == pages[:1] + pages[1:]
    together = combined(ledger.read.values(), groups={"network": ["a", "b", "c"]})
    assert together.unpublished == {"c|staff"}
    intervals = audit(together.view, together.hidden)
    assert (intervals["c|staff"].low, intervals["c|staff"].width) == (3, 0)
    assert together.exposed(intervals) == {"c|staff": intervals["c|staff"]}
    # a third service of 12 pinned exactly says nothing about a small number
    larger = View()
    larger.add("network|staff", 29)
    again = combined([protect(larger), pages[1]], groups={"network": ["a", "b", "c"]})
    intervals = audit(again.view, again.hidden)
    assert intervals["c|staff"].low == 12 and not again.exposed(intervals)


def test_a_figure_hidden_as_small_in_one_view_and_shown_in_another_is_revealed():
    small, large = View(), View()
    small.add("a|staff", 3)
    large.add("a|staff", 3, persons=9)  # a view that wrongly thinks it rests on nine
    assert combined([protect(small), protect(large)]).revealed == {"a|staff"}


def _staff_by_role(covered: dict[str, int], not_covered: dict[str, int]) -> tuple[View, list]:
    """Staff by role (published) is the covered staff by role (published) plus those not
    covered, whom no table shows by role."""
    view = View()
    for role in covered:
        view.add(f"staff_role.{role}", covered[role] + not_covered[role])
        view.add(f"covered.{role}", covered[role])
        view.add(f"not_covered.{role}", not_covered[role])
        view.total(f"staff_role.{role}", [f"covered.{role}", f"not_covered.{role}"])
    return view, [f"not_covered.{role}" for role in covered]


def test_an_unpublished_small_figure_that_relations_would_give_away_is_protected():
    view, unpublished = _staff_by_role({"core": 12, "measures": 9}, {"core": 2, "measures": 8})
    protected = protect(view, unpublished=unpublished)
    assert "not_covered.core" in protected.hidden
    # 14 core staff shown with 12 of them covered would give the two not covered
    assert {"staff_role.core", "covered.core"} & protected.hidden
    assert audit(view, protected.hidden)["not_covered.core"].width >= 5


def test_an_unpublished_figure_resting_on_many_may_be_worked_out():
    view, unpublished = _staff_by_role({"core": 12, "measures": 9}, {"core": 7, "measures": 8})
    protected = protect(view, unpublished=unpublished)
    assert protected.hidden == set(unpublished)  # nothing published is lost for them
    together = combined([protected])
    assert not together.exposed(audit(together.view, together.hidden))


def test_a_zero_about_one_person_that_a_zero_about_many_says_already_is_shown():
    """«None of the fourteen is at risk» tells that the one leader is not: hiding the leader's
    zero would protect nothing."""
    view = View()
    view.add("at_risk", 0)
    view.add("leader.at_risk", 0)
    view.add("core.at_risk", 0)
    view.add("leaders", 1)
    view.add("leader.other", 1)
    view.add("subject", 14)
    view.add("not_at_risk", 14)
    view.total("at_risk", ["leader.at_risk", "core.at_risk"])
    view.total("leaders", ["leader.at_risk", "leader.other"])
    view.total("subject", ["at_risk", "not_at_risk"])
    assert sensitive(view) == {"leaders", "leader.other"}
    # without the zero about many, the leader's zero is about the leader
    alone = View(cells={k: view.cells[k] for k in ("leaders", "leader.at_risk", "leader.other")})
    alone.total("leaders", ["leader.at_risk", "leader.other"])
    assert sensitive(alone) == {"leaders", "leader.other", "leader.at_risk"}


def test_a_view_protected_around_another_keeps_what_that_one_hides_wide():
    """The county hides a small service (2) with a neighbour (10). The neighbour's own detail
    table (5 young, 5 old: nothing small in it), shown in full, would give the neighbour's
    total and so the small one: protected around the county's view, it hides some of it."""
    county = View()
    for key, value in {"county": 30, "small": 2, "neighbour": 10, "other": 18}.items():
        county.add(key, value)
    county.total("county", ["small", "neighbour", "other"])
    published = protect(county)
    assert {"small", "neighbour"} <= published.hidden and "county" not in published.hidden

    def neighbour_by_age() -> View:
        detail = View()
        for key, value in {"neighbour": 10, "young": 5, "old": 5}.items():
            detail.add(key, value)
        detail.total("neighbour", ["young", "old"])
        return detail

    alone = protect(neighbour_by_age(), given={"neighbour"})
    assert not {"young", "old"} & alone.hidden
    detail = neighbour_by_age()
    fixed = around(published, detail.cells)
    assert fixed.small == {"small"} and {"county", "other"} <= fixed.frozen
    detail.merge(fixed.view)
    protected = protect(detail, given=fixed.given, frozen=fixed.frozen, small=fixed.small)
    assert {"young", "old"} & protected.hidden
    together = combined([published, protected])
    assert not together.exposed(audit(together.view, together.hidden))
    leaky = combined([published, alone])
    assert "small" in leaky.exposed(audit(leaky.view, leaky.hidden))


def test_views_of_two_dates_are_never_put_together():
    """The same key is another figure on another date: last year's draft and today's page."""
    last_year, today = View(), View()
    last_year.add("a|staff", 9)
    today.add("a|staff", 12)
    first, second = protect(last_year, scope="2026-01-01"), protect(today, scope="2026-12-01")
    with recording() as ledger:
        first.shown("a|staff")
        second.shown("a|staff")
    assert {scope: len(views) for scope, views in ledger.by_scope().items()} == {
        "2026-01-01": 1,
        "2026-12-01": 1,
    }
    with pytest.raises(ValueError, match="different scopes"):
        combined([first, second])
