"""A guard against case-identifying information in free text (supervision notes, plans, reports).

Laget holds no child or case data. Before free text is saved it is checked for what most often
identifies a case: national identity numbers (also D- and H-numbers, however the digits are
grouped and separated), dates that look like dates of birth («født 12.03.2015», «fødd 2015»,
«f 2015», «fødselsår 2015»), a child's year or age («jenta (2015)», «13-åringen»), families
named as cases («Ahmadi-familien», «Fam. Berg»), children's names («jenta heter Aisha»,
«Barnet Lilly») and names. The checks are a list of small objects, like Django's password
validators: each has a kind and a message and finds what it is about; `run_checks` runs them
all on the normalised text and returns every finding. Dates after `today`, when the caller
gives it, are deadlines, not dates of birth.

Names are found the way Norwegian writes them: a capitalised word inside a sentence is a proper
noun (the strict check for notes), and a known first name, or a first name with a surname, is a
name in any case, also in CAPITALS or lower case. First names that are also ordinary words
(«per uke», «liv og helse», «odd») count only when they are clearly used as names. Known
institutions and roles are allowed. The guard warns; the writer can still save after an
explicit confirmation, which the caller logs (the kinds of warning, never the text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from laget.domain.case_guard.checks import BornCheck, Check, DateCheck, IdentityNumberCheck
from laget.domain.case_guard.children import AgeCheck, ChildNameCheck, ChildYearCheck, FamilyCheck
from laget.domain.case_guard.names import NameCheck
from laget.domain.case_guard.words import PROGRAMME_PHRASES

__all__ = [
    "CASE_INFORMATION_CHECKS",
    "IDENTIFYING_CHECKS",
    "REGISTER_CHECKS",
    "AgeCheck",
    "BornCheck",
    "Check",
    "ChildNameCheck",
    "ChildYearCheck",
    "DateCheck",
    "FamilyCheck",
    "Finding",
    "IdentityNumberCheck",
    "NameCheck",
    "case_information_checks",
    "find_case_information",
    "find_identifying",
    "find_in_register_text",
    "kinds_of",
    "normalise",
    "run_checks",
]

# --- Normalising -------------------------------------------------------------------------------


class _CharacterMap(dict):
    """What `normalise` makes of each character, worked out the first time it is seen."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Cf":
            value: str | None = None
        elif char in "\n\r" or category in ("Zl", "Zp"):
            value = "\n"
        elif category == "Zs" or char == "\t":
            value = " "
        elif category == "Pd" or char == "\u2212":
            value = "-"
        elif category == "Nd":
            value = str(unicodedata.decimal(char))
        else:
            value = char
        self[code] = value
        return value


_CHARACTERS = _CharacterMap()


def normalise(text: str) -> str:
    """NFKC; format characters (zero-width spaces, soft hyphens, joiners) removed; every dash
    a hyphen-minus, every space a plain space, every decimal digit an ASCII digit."""
    return unicodedata.normalize("NFKC", text).translate(_CHARACTERS)


# --- Findings and checks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    kind: str  # "fnr", "birth_date" (also a year of birth or an age), "name"
    text: str  # what was matched, in the normalised text
    message: str  # for the writer


# --- Running the checks ------------------------------------------------------------------------

#: What identifies a case in any text, also where names of persons belong (a staff member's
#: name, an external supervisor): numbers, dates, years and ages, families, children's names.
REGISTER_CHECKS: tuple[Check, ...] = (
    IdentityNumberCheck(),
    DateCheck(),
    BornCheck(),
    ChildYearCheck(),
    AgeCheck(),
    FamilyCheck(),
    ChildNameCheck(),
)


def case_information_checks(places: Iterable[str] = ()) -> tuple[Check, ...]:
    """For notes: every capitalised word inside a sentence is a name, except the `places`
    (the municipalities and counties the caller knows)."""
    return (*REGISTER_CHECKS, NameCheck(proper_nouns=True, places=places))


#: Notes: every capitalised word inside a sentence is a name.
CASE_INFORMATION_CHECKS: tuple[Check, ...] = case_information_checks()
#: For public documents (the tilstandsrapport) and titles: place and institution names are
#: fine there, known first names and surnames are not.
IDENTIFYING_CHECKS: tuple[Check, ...] = (*REGISTER_CHECKS, NameCheck(proper_nouns=False))

_PROGRAMMES = re.compile(r"\b(?:" + "|".join(PROGRAMME_PHRASES) + r")\b", re.IGNORECASE)


def _without_programmes(text: str) -> str:
    """Names of methods and programmes («Circle of Security», «Marte Meo») blanked out, so no
    check reads them as names; the positions stay the same."""
    return _PROGRAMMES.sub(lambda match: "x" * len(match.group(0)), text)


def run_checks(text: str, checks: Sequence[Check], *, today: date | None = None) -> list[Finding]:
    """Every finding of every check in the normalised `text`, in the order they occur. What
    lies inside a larger finding («12.03.2015» in «født 12.03.2015») and repeats of the same
    text are reported once. `today`: dates after it are not dates of birth."""
    text = normalise(text)
    searched = _without_programmes(text)
    found = [(span, check) for check in checks for span in check.spans(searched, today)]
    found.sort(key=lambda item: (item[0].start, -item[0].end))
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    covered_until = -1
    for span, check in found:
        if span.end <= covered_until:
            continue  # inside an earlier, larger finding
        covered_until = max(covered_until, span.end)
        matched = text[span.start : span.end]
        key = (check.kind, matched.casefold())
        if key in seen:
            continue
        seen.add(key)
        findings.append(Finding(check.kind, matched, check.message.format(matched)))
    return findings


def find_case_information(text: str, *, today: date | None = None) -> list[Finding]:
    """Everything in `text` that looks like it could identify a person in a case."""
    return run_checks(text, CASE_INFORMATION_CHECKS, today=today)


def find_identifying(text: str, *, today: date | None = None) -> list[Finding]:
    """For a public document (the tilstandsrapport) or a title, where place and institution
    names are expected: identity numbers, dates of birth, children's years and ages, families,
    children's names and known names, not every proper noun."""
    return run_checks(text, IDENTIFYING_CHECKS, today=today)


def find_in_register_text(text: str, *, today: date | None = None) -> list[Finding]:
    """For text that holds a person's name by design (a staff member's, an external
    supervisor's): everything that identifies a case except a name on its own."""
    return run_checks(text, REGISTER_CHECKS, today=today)


def kinds_of(findings: Iterable[Finding]) -> list[str]:
    """The kinds of the findings, each once, sorted: what an audit entry may record."""
    return sorted({finding.kind for finding in findings})
