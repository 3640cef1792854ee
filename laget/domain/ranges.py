"""The plausible range of every number Laget stores: one catalogue for forms, imports and the
admin (model validators come from here), so nothing out of range is stored and nothing
stored can overflow a computation.

A range is plain data; `laget.core.validators` turns one into Django validators.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Range:
    low: Decimal
    high: Decimal
    unit: str = ""
    low_open: bool = False  # the low end itself is not allowed (FTE: over 0)
    whole: bool = False  # only whole numbers

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", Decimal(self.low))
        object.__setattr__(self, "high", Decimal(self.high))

    def contains(self, value: Decimal | int) -> bool:
        number = Decimal(value)
        if not number.is_finite():
            return False
        if self.whole and number != number.to_integral_value():
            return False
        above_low = number > self.low if self.low_open else number >= self.low
        return above_low and number <= self.high

    def describe(self) -> str:
        """«mellom 0 og 100» in the page's words, with the unit."""
        low = f"over {_plain(self.low)}" if self.low_open else f"minst {_plain(self.low)}"
        unit = f" {self.unit}" if self.unit else ""
        return f"{low} og høyst {_plain(self.high)}{unit}"


def _plain(number: Decimal) -> str:
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", "\u00a0")
    return f"{grouped},{fraction}" if fraction else grouped


#: The most staff one child-welfare service can have (Norway's largest have a few hundred).
MAX_SERVICE_STAFF = 5_000
#: A working life in months (50 years).
WORKING_LIFE_MONTHS = 600

FTE_PERCENT = Range(Decimal(0), Decimal(100), "prosent", low_open=True)
CREDITS = Range(Decimal(0), Decimal(300), "studiepoeng")
#: one course of further education: something, and at most what a register holds
COURSE_CREDITS = Range(Decimal(0), Decimal(300), "studiepoeng", low_open=True)
EXPERIENCE_MONTHS = Range(Decimal(0), Decimal(WORKING_LIFE_MONTHS), "måneder")
EXPERIENCE_YEARS = Range(Decimal(0), Decimal(50), "år")
SERVICE_STAFF = Range(Decimal(1), Decimal(MAX_SERVICE_STAFF), "ansatte", whole=True)
SESSION_MINUTES = Range(Decimal(1), Decimal(8 * 60), "minutter", whole=True)
WAITLIST_POSITION = Range(Decimal(1), Decimal(10_000), whole=True)
COST_KRONER = Range(Decimal(0), Decimal(10_000_000), "kr", whole=True)
VACANCY_POSITIONS = Range(Decimal(1), Decimal(100), "stillinger", whole=True)
APPLICANTS = Range(Decimal(0), Decimal(10_000), "søkere", whole=True)
DUE_DAYS = Range(Decimal(0), Decimal(730), "dager", whole=True)
PERCENT = Range(Decimal(0), Decimal(100), "prosent")
#: Ids as the database stores them (a signed 64-bit integer; ids start at 1).
DATABASE_ID = Range(Decimal(1), Decimal(2**63 - 1), whole=True)


def birth_years(today: date) -> Range:
    """Staff are of working age."""
    return Range(Decimal(today.year - 80), Decimal(today.year - 15), whole=True)


def agreed_days(month: date, persons: int) -> Range:
    """Agreed working days in a month for this many persons: at most every day of the month
    for each of them."""
    days = calendar.monthrange(month.year, month.month)[1]
    return Range(Decimal(0), Decimal(persons * days), "dagsverk", low_open=True)
