"""One rounding rule and thousands separators, on pages and in reports alike (issue 16, item 7)."""

from django.template import Context, Template

from laget.core.numbers import half_up, norwegian
from laget.domain.suppression import Figure
from laget.reports.content.format import Formatter, number

NBSP = "\u00a0"


def _render(source: str, **context) -> str:
    return Template("{% load laget %}" + source).render(Context(context))


def test_halves_round_up_as_people_round():
    """Python's round() would give 42 and 2: a share shown «42,5 %» somewhere must be «43 %»."""
    assert [norwegian(42.5), norwegian(0.425 * 100), norwegian(2.5), norwegian(0.5)] == [
        "43",
        "43",
        "3",
        "1",
    ]
    assert str(half_up(8.25, 1)) == "8.3"
    assert norwegian(-0.2) == "0"


def test_thousands_are_separated_by_a_no_break_space_and_decimals_by_a_comma():
    assert norwegian(5400) == f"5{NBSP}400"
    assert norwegian(1234567.891, 1) == f"1{NBSP}234{NBSP}567,9"
    assert norwegian(999) == "999"
    assert norwegian(float("nan")) == "–"


def test_templates_and_reports_write_the_same_figure_the_same_way():
    share = Figure(0.425, 40, False)
    count = Figure(5400, 5400, False)
    page = _render(
        "{{ n|number }}|{% figure count %}|{% percent_figure share %}|{{ s|percent }}|"
        "{% figure fte 1 %}|{{ missing|number }}",
        n=5400,
        count=count,
        share=share,
        s=0.425,
        fte=Figure(1234.56, 30, False),
        missing=None,
    )
    assert page.split("|") == [
        f"5{NBSP}400",
        f"5{NBSP}400",
        f"43{NBSP}%",
        f"43{NBSP}%",
        f"1{NBSP}234,6",
        "–",
    ]
    out = Formatter()
    assert out.share(share) == f"43{NBSP}%"
    assert out.num(count) == f"5{NBSP}400"
    assert number(5400) == f"5{NBSP}400"


def test_a_suppressed_figure_stays_hidden_whatever_its_size():
    assert "skjult" in _render("{% figure f %}", f=Figure(5400, 3, True))


def test_a_quarter_is_written_as_people_write_it():
    """Issue 28: «(2026-K4)» on the employee's page is «4. kvartal 2026»; a key that is no
    quarter stays as it is."""
    from laget.core.numbers import quarter_text

    assert quarter_text("2026-K4") == "4. kvartal 2026"
    assert quarter_text("2025-K1") == "1. kvartal 2025"
    assert quarter_text("2026-K5") == "2026-K5"
    assert quarter_text("2026-03") == "2026-03"
