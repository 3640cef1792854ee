"""Group disclosure (issue 26): a status that holds everyone of a service tells each person's
status however many they are. The protection hides it, with the cells the cheapest table that
moves it down by one needs, so no reader can rule out that somebody is in another status,
and hides nothing more: the services' and the county's staff stay shown."""

from __future__ import annotations

from laget.domain.protection import View, audit, protect
from laget.domain.protection.view import disclosing

STATUSES = ("meets", "at_risk", "cannot")


def _county(*, attribute: bool = True, a: tuple[int, int, int] = (6, 0, 0)) -> View:
    """Service A (everyone meets, by default), service B (five meet, five at risk) and their
    county, each with its covered staff and the staff by status."""
    view = View()
    rows = {"a": a, "b": (5, 5, 0)}
    for unit, counts in rows.items():
        for status, value in zip(STATUSES, counts, strict=True):
            view.add(f"{unit}|{status}", value)
        view.add(f"{unit}|subject", sum(counts))
    for i, status in enumerate(STATUSES):
        view.add(f"county|{status}", sum(c[i] for c in rows.values()))
        view.total(f"county|{status}", [f"{u}|{status}" for u in rows])
    view.add("county|subject", sum(sum(c) for c in rows.values()))
    view.total("county|subject", [f"{u}|subject" for u in rows])
    for unit in (*rows, "county"):
        view.total(f"{unit}|subject", [f"{unit}|{s}" for s in STATUSES], attribute=attribute)
    return view


def test_a_status_holding_everyone_is_disclosing_and_only_then():
    assert disclosing(_county()) == {"a|meets"}
    assert disclosing(_county(a=(5, 1, 0))) == set()
    assert disclosing(_county(attribute=False)) == set()  # not each person's attribute
    # a service of three is left to primary suppression
    assert disclosing(_county(a=(3, 0, 0))) == set()


def test_everyone_in_one_status_is_hidden_and_cannot_be_pinned_by_a_reader():
    view = _county()
    # before the rule: shown, and everyone of A's six meets the requirement
    assert "a|meets" not in protect(_county(attribute=False)).hidden
    protected = protect(view)
    assert "a|meets" in protected.hidden and "a|meets" in protected.grouped
    interval = audit(view, protected.hidden)["a|meets"]
    assert interval.low <= 5 + 1e-6  # somebody of the six may be in another status
    # and nothing more than that needs: every service's and the county's staff are shown
    for key in ("a|subject", "b|subject", "county|subject"):
        assert key not in protected.hidden, key


def test_a_group_shown_elsewhere_stays_shown():
    """A figure readers already have (`frozen`) is not unsaid by hiding it here."""
    protected = protect(_county(), frozen={"a|meets"})
    assert "a|meets" not in protected.hidden
