"""One rounding rule and one way of writing numbers, for pages, reports and exports alike.

Half up, as people round (Python's round() and format() round half to even: 42.5 -> 42), so
a share written «42,5 %» in one place is never «42 %» in another; a no-break space between
thousands and a decimal comma («5 400», «1 234,5»).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def half_up(value: float | int | Decimal, decimals: int = 0) -> Decimal:
    """`value` rounded half up to `decimals` places (str() first, so 0.425 * 100 is 42.5)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def norwegian(value: float | int | Decimal, decimals: int = 0) -> str:
    """12345.678 -> «12 345,7» with `decimals` 1; -0 is written 0, a missing number «–»."""
    if not Decimal(str(value)).is_finite():
        return "–"
    rounded = half_up(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)
    return f"{rounded:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")


def quarter_text(key: str) -> str:
    """A quarter as people write it: the key «2026-K4» (how figures are stored and grouped) is
    «4. kvartal 2026» on a page or in an export (issue 28); anything else as it is."""
    year, separator, number = str(key).partition("-K")
    if separator and year.isdigit() and number in ("1", "2", "3", "4"):
        return f"{number}. kvartal {year}"
    return str(key)
