"""The release attack and the zeros a unit's form leaves unpublished (issue 27): «none of the
40 is exempt», pinned from the figures around it, tells nothing about anyone, as the same zero
shown would not; in a population of three it would, and stays an exposure."""

from laget.domain.protection import View, audit
from laget.publication.attack import _zeros_about_no_one


def _pinned(total: int) -> tuple[View, set[str], dict]:
    view = View()
    view.add("subject", total)
    view.add("meets", total)
    view.add("exempt", 0)
    view.add("check_or_exempt", 0)
    view.add("needs_check", 0)
    view.total("subject", ["meets", "exempt"])
    view.total("check_or_exempt", ["needs_check", "exempt"])
    hidden = {"exempt", "check_or_exempt"}
    return view, hidden, audit(view, hidden)


def test_a_zero_pinned_in_a_large_population_is_about_no_one_and_so_is_its_sum():
    view, hidden, intervals = _pinned(40)
    assert intervals["exempt"].width == 0
    assert _zeros_about_no_one(view, hidden, intervals, 5) == {"exempt", "check_or_exempt"}


def test_a_zero_pinned_in_a_small_population_stays_exposed():
    view, hidden, intervals = _pinned(3)
    assert intervals["exempt"].width == 0
    assert _zeros_about_no_one(view, hidden, intervals, 5) == set()


def test_a_zero_a_shown_zero_total_says_of_its_parts_is_about_no_one():
    view = View()
    view.add("county", 0)
    view.add("a", 0)
    view.add("b", 0)
    view.total("county", ["a", "b"])
    intervals = audit(view, {"a"})
    assert _zeros_about_no_one(view, {"a"}, intervals, 5) == {"a"}
