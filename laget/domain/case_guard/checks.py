"""The checks for numbers and dates: identity numbers, full dates, and the word for born."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from laget.domain.case_guard.words import MONTHS

_SEP = r"[ .\-/]"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Check(Protocol):
    """One thing to look for: its kind, a message with «{}» for the text, and where it is."""

    kind: str
    message: str

    def spans(self, text: str) -> Iterable[Span]: ...


def _valid_day_month(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


class IdentityNumberCheck:
    """Eleven digits whose first six are a possible date: fødselsnummer, D-number (day + 40),
    H-number (month + 40) and the synthetic test numbers (month + 80). Spaces, dashes and dots
    between the parts are allowed: «120315 12345», «120315-12345», «12.03.15.12345»."""

    kind = "fnr"
    message = "Ser ut som et fødselsnummer: «{}»"
    pattern = re.compile(
        rf"(?<!\d)(?<!\d[.\-])(\d{{2}})({_SEP}?)(\d{{2}})\2(\d{{2}}){_SEP}?(\d{{5}})(?!\d)"
    )

    def spans(self, text: str) -> Iterator[Span]:
        for match in self.pattern.finditer(text):
            day, month = int(match.group(1)), int(match.group(3))
            if day > 40:
                day -= 40
            if month > 80:
                month -= 80
            elif month > 40:
                month -= 40
            if _valid_day_month(day, month):
                yield Span(match.start(), match.end())


class DateCheck:
    """A full date with a year (12.03.2015, 12.03.15, 2015-03-12, 12. mars 2015): it may be a
    date of birth. Dates without a year («møte 12.03») and clock times pass."""

    kind = "birth_date"
    message = "Ser ut som en fødselsdato: «{}»"
    patterns = (
        re.compile(r"(?<![\d.])(\d{1,2}) ?[./] ?(\d{1,2}) ?[./] ?(\d{4}|\d{2})(?![\d])"),
        re.compile(r"(?<!\d)(?:19|20)\d{2}-(\d{1,2})-(\d{1,2})(?!\d)"),
        re.compile(rf"(?<![\d.])(\d{{1,2}})\.? ?(?:{MONTHS})\.? (?:19|20)\d{{2}}(?!\d)", re.I),
    )

    def spans(self, text: str) -> Iterator[Span]:
        numeric, iso, written = self.patterns
        for match in numeric.finditer(text):
            if _valid_day_month(int(match.group(1)), int(match.group(2))):
                yield Span(match.start(), match.end())
        for match in iso.finditer(text):
            if _valid_day_month(int(match.group(2)), int(match.group(1))):
                yield Span(match.start(), match.end())
        for match in written.finditer(text):
            if 1 <= int(match.group(1)) <= 31:
                yield Span(match.start(), match.end())


_WHEN = (
    r"(?:\d{1,2} ?[./] ?\d{1,2} ?[./] ?(?:\d{4}|\d{2})"
    rf"|\d{{1,2}}\.? ?(?:{MONTHS})\.? (?:19|20)\d{{2}}"
    rf"|(?:{MONTHS}) (?:19|20)\d{{2}}"
    r"|(?:19|20)\d{2}"
    r"|['-]?\d{2})(?!\d)"
)


class BornCheck:
    """The word for born with a year or a date: «født 12.03.2015», «fødd 2015», «født i 2015»,
    «f. 2015»; and «født» or «fødd» on its own."""

    kind = "birth_date"
    message = "Ser ut som en fødselsdato: «{}»"
    pattern = re.compile(
        rf"\b(?:født|fødd|fodt|fodd)\b(?: (?:i|den|ca\.?|cirka|år))?(?: ?{_WHEN})?"
        rf"|(?<![^\W\d_])f\. ?(?:i )?{_WHEN}",
        re.IGNORECASE,
    )

    def spans(self, text: str) -> Iterator[Span]:
        for match in self.pattern.finditer(text):
            yield Span(match.start(), len(match.group(0).rstrip()) + match.start())
