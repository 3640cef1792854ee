"""The check for names of persons."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from laget.domain.case_guard.checks import Span
from laget.domain.case_guard.words import (
    ALLOWED,
    AMBIGUOUS_FIRST_NAMES,
    AMBIGUOUS_SURNAMES,
    FIRST_NAMES,
    LAW_ENDINGS,
    NAME_VERBS,
    NOUN_ENDINGS_SEN,
    SURNAMES,
)

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_STARTS = '.!?:;…\n«"“(['  # what a sentence, line, quotation or parenthesis starts after


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    at_start: bool  # first word of a sentence, a line, a list item or a quotation

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def head(self) -> str:
        """The first part of a compound: «NAV» in «NAV-kontoret», «kari» in «Kari-Anne»."""
        return self.lower.split("-")[0]

    @property
    def case(self) -> str:
        if len(self.text) > 1 and self.text[:2].isupper():
            return "upper"  # KARI, NAV, NAVs
        return "title" if self.text[0].isupper() else "lower"


def _at_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(" ")
    if not before or before[-1] in _STARTS:
        return True
    line = before.rsplit("\n", 1)[-1]
    return bool(re.fullmatch(r"\d{1,2}[.)]?|[-*•]", line))  # «1) Tema», «- Arbeidsmengde»


def _words(text: str) -> list[_Word]:
    return [
        _Word(m.group(0), m.start(), m.end(), _at_start(text, m.start()))
        for m in WORD.finditer(text)
    ]


def _allowed(word: _Word, allowed: Collection[str] = ALLOWED) -> bool:
    lower = word.lower
    if lower in allowed or word.head in allowed or (lower.endswith("s") and lower[:-1] in allowed):
        return True
    if len(lower) > 6 and lower.endswith(LAW_ENDINGS) and _first_name(word) is None:
        return True  # Barnevernloven, Grunnloven, Kvalitetsforskriften
    head = word.text.split("-")[0]
    return "-" in word.text and len(head) > 1 and head.isupper()  # NAV-veileder, MST-teamet


def _first_name(word: _Word) -> str | None:
    """ "clear" for a first name that is no ordinary word, "ambiguous" for «per», «liv»."""
    if word.head not in FIRST_NAMES:
        return None
    if "-" not in word.lower and word.lower in AMBIGUOUS_FIRST_NAMES:
        return "ambiguous"
    return "clear"


def _surname(word: _Word) -> str | None:
    lower = word.lower
    if lower in SURNAMES:
        return "ambiguous" if lower in AMBIGUOUS_SURNAMES else "clear"
    if (
        len(lower) >= 6
        and lower.endswith("sen")
        and not lower.endswith(NOUN_ENDINGS_SEN)
        and "-" not in lower
    ):
        return "clear"  # Kristoffersen, Gulbrandsen
    return None


def _follows(text: str, first: _Word, then: _Word) -> bool:
    """`then` comes right after `first`, with only spaces between them."""
    return text[first.end : then.start].strip(" ") == "" and then.start - first.end <= 3


class NameCheck:
    """Names. `proper_nouns`: every capitalised word inside a sentence counts (the strict check
    for notes); without it (for public documents, where place names are expected) only known
    first names and surnames do."""

    kind = "name"
    message = "Ser ut som et navn: «{}»"

    def __init__(self, *, proper_nouns: bool, places: Iterable[str] = ()) -> None:
        """`places`: names of places that are never persons here (the municipalities and
        counties), allowed inside a sentence; a word of them that is also a first name or a
        surname («Lund», «Hole», «Vik») still counts."""
        self.proper_nouns = proper_nouns
        self.allowed = ALLOWED | {
            lower
            for place in places
            for lower in (w.lower() for w in WORD.findall(place))
            if lower not in FIRST_NAMES and lower not in SURNAMES and len(lower) > 2
        }

    def spans(self, text: str, today: date | None = None) -> Iterator[Span]:
        words = _words(text)
        index = 0
        while index < len(words):
            word = words[index]
            following = words[index + 1] if index + 1 < len(words) else None
            if following is not None and not _follows(text, word, following):
                following = None
            if self._is_name(word, following):
                end = index
                while end + 1 < len(words) and self._continues(text, words[end], words[end + 1]):
                    end += 1
                yield Span(word.start, words[end].end)
                index = end + 1
            else:
                index += 1

    def _is_name(self, word: _Word, following: _Word | None) -> bool:
        if len(word.text) < 2 or _allowed(word, self.allowed):
            return False
        first = _first_name(word)
        surname = _surname(word)
        if first == "clear":
            return True
        if (
            word.case == "title"
            and not word.at_start
            and (self.proper_nouns or first or surname == "clear")
        ):
            return True  # a capitalised word inside a sentence
        if surname == "clear" and word.case != "lower":
            return True  # Hansen, HANSEN, also first in a sentence
        if first == "ambiguous" and following is not None:
            if self._surname_after(following, ambiguous_first=True):
                return True  # Per Hansen, per hansen, Liv Trastad
            # «Per har ringt» first in a sentence; «i dag går» is no name, nor «I DAG GÅR»
            return word.at_start and word.case != "lower" and following.lower in NAME_VERBS
        return False

    def _continues(self, text: str, word: _Word, then: _Word) -> bool:
        if not _follows(text, word, then):
            return False
        if _first_name(word) is None and _surname(word) is None and word.case == "lower":
            return False
        return self._surname_after(then, ambiguous_first=_first_name(word) == "ambiguous")

    def _surname_after(self, word: _Word, *, ambiguous_first: bool) -> bool:
        """`word` can be the next part of a name: a surname, a second first name, or (after a
        name) any capitalised word."""
        if len(word.text) < 2 or _allowed(word, self.allowed):
            return False
        if word.case == "title":
            return True
        surname, first = _surname(word), _first_name(word)
        if ambiguous_first:  # «hans hagen» is his garden; «per hansen» is a person
            return surname == "clear" or first == "clear"
        return surname is not None or first is not None
