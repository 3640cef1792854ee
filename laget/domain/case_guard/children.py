"""The checks for what describes a child or a family in a case without a known name or a full
date: a child's year of birth or age («jenta (2015)», «13-åringen»), a family named as a case
(«Ahmadi-familien», «Fam. Berg») and a child's name («jenta heter Aisha», «Barnet Lilly»)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from laget.domain.case_guard.checks import Span
from laget.domain.case_guard.words import AGE_WORDS, ALLOWED, CHILD_WORDS, FAMILY_KINDS, MONTHS

_CHILD = rf"\b(?:{CHILD_WORDS})\b"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
_DATE = rf"(?:\d{{1,2}} ?[./] ?\d{{1,2}} ?[./] ?(?:\d{{4}}|\d{{2}})|\d{{1,2}}\.? ?(?:{MONTHS})\.? {_YEAR})"
_AGE = r"\d{1,2}(?: ?(?:år|mnd|måneder))?"
_BORN = r"(?:f\.? ?|født |fødd )?"
_ONE = rf"{_BORN}(?:{_DATE}|{_YEAR}|{_AGE})"
#: A capitalised word that can be a name (Lilly, Aisha, Anne-Lise), not an acronym.
_NAME = r"[A-ZÆØÅ][a-zæøåäöüéèáàç']+(?:-[A-ZÆØÅ][a-zæøåäöüéèáàç']+)?"


def _is_allowed(word: str) -> bool:
    lower = word.lower()
    return lower in ALLOWED or lower.split("-")[0] in ALLOWED


class ChildYearCheck:
    """A year of birth, a date or an age in brackets after a word for a child: «jenta (2015)»,
    «gutten (f. 2012)», «barna (2015 og 2018)», «sønnen (13)»."""

    kind = "birth_date"
    message = "Ser ut som alderen eller fødselsåret til et barn: «{}»"
    pattern = re.compile(
        rf"{_CHILD} ?[(\[] ?{_ONE}(?: ?(?:,|og|and|&) ?{_ONE})* ?[)\]]", re.IGNORECASE
    )

    def spans(self, text: str, today: date | None = None) -> Iterator[Span]:
        if "(" not in text and "[" not in text:
            return
        for match in self.pattern.finditer(text):
            yield Span(match.start(), match.end())


class AgeCheck:
    """The age of a child or a young person: «13-åringen», «en 13 åring», «tretten-åringen»,
    «13 år gammel», «den 13 år gamle jenta», «13-årige jenta», «jenta på 13». Ages over 25
    pass (a colleague's «50-åring»), and so does an adjective for anything but a child
    («5-årig utdanning»)."""

    kind = "birth_date"
    message = "Ser ut som alderen til et barn: «{}»"
    patterns = (
        re.compile(rf"\b(\d{{1,2}}|{AGE_WORDS})(?: ?- ?| )?åring(?:en|er|ene|ar|ane)?\b", re.I),
        re.compile(rf"\b(\d{{1,2}}|{AGE_WORDS}) år(?:s)? gam(?:mel|le|malt)\b", re.I),
        re.compile(rf"\b(\d{{1,2}}|{AGE_WORDS})(?: ?- ?| )?årig(?:e)? (?:{CHILD_WORDS})\b", re.I),
        re.compile(
            rf"{_CHILD} på (\d{{1,2}}|{AGE_WORDS})(?: (?:år|måneder|mnd)\b|(?= ?(?:[.,;:!?)]|$)))",
            re.I,
        ),
    )

    def spans(self, text: str, today: date | None = None) -> Iterator[Span]:
        lower = text.lower()
        if "år" not in lower and "på" not in lower:
            return  # every pattern has «år» or «på» in it
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                age = match.group(1)
                if not age.isdigit() or int(age) <= 25:
                    yield Span(match.start(), match.end())


class FamilyCheck:
    """A family named as a case: «Ahmadi-familien», «Berg-familiens», «Fam. Berg», «fam
    Berg», «familien Ahmadi». Kinds of family («fosterfamilien», «beredskaps-familien») pass."""

    kind = "name"
    message = "Ser ut som en familie i en sak: «{}»"
    patterns = (
        re.compile(r"\b([^\W\d_][\w']*)-famili(?:en|ens|ene|a|as)\b", re.IGNORECASE),
        re.compile(rf"\b(?i:fam(?:\. ?| )|famili(?:en|e|a) )({_NAME})"),
    )

    def spans(self, text: str, today: date | None = None) -> Iterator[Span]:
        if "fam" not in text.lower():
            return
        named, *before_a_name = self.patterns
        for match in named.finditer(text):
            head = match.group(1)
            if head.lower() not in FAMILY_KINDS and not _is_allowed(head):
                yield Span(match.start(), match.end())
        for pattern in before_a_name:
            for match in pattern.finditer(text):
                if not _is_allowed(match.group(1)):
                    yield Span(match.start(), match.end())


class ChildNameCheck:
    """A child's name in any text, also where names of places are expected (reports): «jenta
    heter Aisha», «en gutt som heter Omar», «hun heter Lilly», «Barnet Lilly», «sønnen
    Adam»."""

    kind = "name"
    message = "Ser ut som navnet på et barn: «{}»"
    child_or_pronoun = re.compile(rf"{_CHILD}|\bh[aue]n\b", re.IGNORECASE)
    patterns = (
        re.compile(
            rf"(?i:{_CHILD}(?: som)?|\b(?:hun|han|hen)) (?i:heter|het|kalles|kalt|ble kalt) "
            rf"({_NAME})"
        ),
        re.compile(rf"(?i:{_CHILD}) ({_NAME})"),
    )

    def spans(self, text: str, today: date | None = None) -> Iterator[Span]:
        if not self.child_or_pronoun.search(text):
            return
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                if not _is_allowed(match.group(1)):
                    yield Span(match.start(), match.end())
