"""The catalogue of plausible ranges."""

from datetime import date
from decimal import Decimal

from laget.domain import ranges


def test_ranges_hold_their_ends_and_refuse_what_is_outside():
    assert ranges.FTE_PERCENT.contains(100) and not ranges.FTE_PERCENT.contains(0)
    assert not ranges.FTE_PERCENT.contains(Decimal("100.1"))
    assert not ranges.SERVICE_STAFF.contains(Decimal("2.5"))
    assert not ranges.CREDITS.contains(Decimal("NaN"))
    assert not ranges.CREDITS.contains(Decimal("1e400"))
    may = ranges.agreed_days(date(2025, 5, 1), 3)
    assert may.contains(93) and not may.contains(Decimal("93.01"))
    assert ranges.agreed_days(date(2024, 2, 1), 1).high == 29
    assert ranges.SERVICE_STAFF.describe() == "minst 1 og høyst 5\u00a0000 ansatte"
    assert ranges.FTE_PERCENT.describe() == "over 0 og høyst 100 prosent"
