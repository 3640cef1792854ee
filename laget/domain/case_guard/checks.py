"""The checks for numbers and dates: identity numbers, full dates, and the word for born."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from laget.domain.case_guard.words import EVENT_SUFFIXES, EVENT_WORDS, MONTHS

_DIGIT = re.compile(r"\d")
_BORN_WORD = re.compile(r"f[øo]d", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Check(Protocol):
    """One thing to look for: its kind, a message with «{}» for the text, and where it is.
    `today`, when the caller gives it, tells a date in the future (a deadline) from one that
    can be a date of birth."""

    kind: str
    message: str

    def spans(self, text: str, today: date | None = None) -> Iterable[Span]: ...


def _valid_day_month(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _possible_birth_number(digits: str) -> bool:
    """Eleven digits whose first four are a day and a month: fødselsnummer, D-number (day +
    40), H-number (month + 40) and the synthetic test numbers (month + 80)."""
    day, month = int(digits[:2]), int(digits[2:4])
    if day > 40:
        day -= 40
    if month > 80:
        month -= 80
    elif month > 40:
        month -= 40
    return _valid_day_month(day, month)


class IdentityNumberCheck:
    """Eleven digits whose first six are a possible date, however they are grouped: together,
    6 + 5, 6 + 3 + 2, 4 + 4 + 3, 2 + 4 + 5, one digit at a time; with spaces, dashes, dots,
    slashes, underscores or commas between the groups («120315 12345», «1203 1512 345»,
    «120315_12345», «12,03,15,12345», «1 2 0 3 1 5 1 2 3 4 5»). Any run of groups that adds up
    to eleven digits counts, so a number written after a case number is found too."""

    kind = "fnr"
    message = "Ser ut som et fødselsnummer: «{}»"
    #: digit groups with at most one separator (and a space on either side) between them
    runs = re.compile(r"\d+(?:(?: ?[.\-/_,] ?| )\d+)*")
    group = re.compile(r"\d+")

    def spans(self, text: str, today: date | None = None) -> Iterator[Span]:
        if len(_DIGIT.findall(text)) < 11:
            return  # most text: a name, a title (the import checks thousands of cells)
        for run in self.runs.finditer(text):
            groups = [
                (g.start() + run.start(), g.end() + run.start(), g.group(0))
                for g in self.group.finditer(run.group(0))
            ]
            first = 0
            while first < len(groups):
                digits, last = "", first
                for last in range(first, len(groups)):
                    digits += groups[last][2]
                    if len(digits) >= 11:
                        break
                if len(digits) == 11 and _possible_birth_number(digits):
                    yield Span(groups[first][0], groups[last][1])
                    first = last + 1
                else:
                    first += 1


def _after_an_event_word(text: str, start: int) -> bool:
    """The date comes after a word that makes it a deadline or an event («Fristen er
    01.01.2031», «møtet 12.03.2025», «vedtatt 14.11.2024»): among the four words before it in
    the same sentence."""
    before = re.split(r"[.!?;:\n](?:\s|$)", text[:start])[-1]
    for word in re.findall(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?", before.lower())[-4:]:
        word = word.rstrip(".")
        if word in EVENT_WORDS or word.endswith(EVENT_SUFFIXES):
            return True
    return False


class DateCheck:
    """A full date with a year (12.03.2015, 12.03.15, 2015-03-12, 12. mars 2015): it may be a
    date of birth. Dates without a year («møte 12.03») and clock times pass; so do dates after
    `today` (no one is born in the future: «Fristen er 01.01.2031») and dates after a word for
    a deadline or an event («fristen», «møtet», «vedtatt», «gjelder fra»)."""

    kind = "birth_date"
    message = "Ser ut som en fødselsdato: «{}»"
    patterns = (
        re.compile(r"(?<![\d.])(\d{1,2}) ?[./] ?(\d{1,2}) ?[./] ?(\d{4}|\d{2})(?![\d])"),
        re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)"),
        re.compile(rf"(?<![\d.])(\d{{1,2}})\.? ?({MONTHS})\.? ((?:19|20)\d{{2}})(?!\d)", re.I),
    )

    def spans(self, text: str, today: date | None = None) -> Iterator[Span]:
        if not _DIGIT.search(text):
            return
        numeric, iso, written = self.patterns
        for match in numeric.finditer(text):
            day, month, year = (int(g) for g in match.groups())
            if _valid_day_month(day, month):
                if year < 100 and today is not None:
                    year += 2000 if year <= today.year % 100 else 1900
                yield from self._unless_not_a_birth(text, match, year, today)
        for match in iso.finditer(text):
            year, month, day = (int(g) for g in match.groups())
            if _valid_day_month(day, month):
                yield from self._unless_not_a_birth(text, match, year, today)
        for match in written.finditer(text):
            if 1 <= int(match.group(1)) <= 31:
                yield from self._unless_not_a_birth(text, match, int(match.group(3)), today)

    @staticmethod
    def _unless_not_a_birth(
        text: str, match: re.Match, year: int, today: date | None
    ) -> Iterator[Span]:
        if today is not None and year > today.year:
            return
        if _after_an_event_word(text, match.start()):
            return
        yield Span(match.start(), match.end())


_WHEN = (
    r"(?:\d{1,2} ?[./] ?\d{1,2} ?[./] ?(?:\d{4}|\d{2})"
    rf"|\d{{1,2}}\.? ?(?:{MONTHS})\.? (?:19|20)\d{{2}}"
    rf"|(?:{MONTHS}) (?:19|20)\d{{2}}"
    r"|(?:19|20)\d{2}"
    r"|['-]?\d{2})(?!\d)"
)
_YEAR_OR_DATE = (
    r"(?:\d{1,2} ?[./] ?\d{1,2} ?[./] ?(?:\d{4}|\d{2})"
    rf"|\d{{1,2}}\.? ?(?:{MONTHS})\.? (?:19|20)\d{{2}}"
    r"|(?:19|20)\d{2})(?!\d)"
)


class BornCheck:
    """The word for born with a year or a date: «født 12.03.2015», «fødd 2015», «født i 2015»,
    «f. 2015», «f 2015», «fødselsår 2015», «fødselsdato 12.03.2015»; and «født» or «fødd» on
    its own."""

    kind = "birth_date"
    message = "Ser ut som en fødselsdato: «{}»"
    pattern = re.compile(
        rf"\b(?:født|fødd|fodt|fodd)\b(?: (?:i|den|ca\.?|cirka|år))?(?: ?{_WHEN})?"
        rf"|(?<![^\W\d_])f\. ?(?:i )?{_WHEN}"
        rf"|(?<![^\W\d_])f (?:i )?{_YEAR_OR_DATE}"
        rf"|\b(?:fødselsår(?:et)?|fødselsdato(?:en)?|fødselsdag(?:en)?|fødd år)"
        rf"(?: ?: ?| (?:er |var |i )?){_YEAR_OR_DATE}",
        re.IGNORECASE,
    )

    def spans(self, text: str, today: date | None = None) -> Iterator[Span]:
        if not _DIGIT.search(text) and not _BORN_WORD.search(text):
            return
        for match in self.pattern.finditer(text):
            yield Span(match.start(), len(match.group(0).rstrip()) + match.start())
