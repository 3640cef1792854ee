"""A guard against case-identifying information in free text (supervision notes, plans, reports).

Laget holds no child or case data. Before free text is saved it is checked for what most often
identifies a case: national identity numbers (also D- and H-numbers, and written with spaces,
dashes or dots), dates that look like dates of birth («født 12.03.2015», «fødd 2015», «f. 2015»)
and names. The checks are a list of small objects, like Django's password validators: each has
a kind and a message and finds what it is about; `run_checks` runs them all on the normalised
text and returns every finding.

Names are found the way Norwegian writes them: a capitalised word inside a sentence is a proper
noun (the strict check for notes), and a known first name, or a first name with a surname, is a
name in any case, also in CAPITALS or lower case. First names that are also ordinary words
(«per uke», «liv og helse», «odd») count only when they are clearly used as names. Known
institutions and roles are allowed. The guard warns; the writer can still save after an
explicit confirmation, which the caller logs (the kinds of warning, never the text).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from laget.domain.case_guard.checks import BornCheck, Check, DateCheck, IdentityNumberCheck
from laget.domain.case_guard.names import NameCheck

__all__ = [
    "CASE_INFORMATION_CHECKS",
    "IDENTIFYING_CHECKS",
    "BornCheck",
    "Check",
    "DateCheck",
    "Finding",
    "IdentityNumberCheck",
    "NameCheck",
    "find_case_information",
    "find_identifying",
    "kinds_of",
    "normalise",
    "run_checks",
]

# --- Normalising -------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """NFKC; format characters (zero-width spaces, soft hyphens, joiners) removed; every dash
    a hyphen-minus, every space a plain space, every decimal digit an ASCII digit."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        if char in "\n\r" or category in ("Zl", "Zp"):
            out.append("\n")
        elif category == "Zs" or char == "\t":
            out.append(" ")
        elif category == "Pd" or char == "\u2212":
            out.append("-")
        elif category == "Nd":
            out.append(str(unicodedata.decimal(char)))
        else:
            out.append(char)
    return "".join(out)


# --- Findings and checks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    kind: str  # "fnr", "birth_date", "name"
    text: str  # what was matched, in the normalised text
    message: str  # for the writer


# --- Running the checks ------------------------------------------------------------------------

CASE_INFORMATION_CHECKS: tuple[Check, ...] = (
    IdentityNumberCheck(),
    DateCheck(),
    BornCheck(),
    NameCheck(proper_nouns=True),
)
#: For public documents (the tilstandsrapport): place and institution names are fine there.
IDENTIFYING_CHECKS: tuple[Check, ...] = (
    IdentityNumberCheck(),
    DateCheck(),
    BornCheck(),
    NameCheck(proper_nouns=False),
)


def run_checks(text: str, checks: Sequence[Check]) -> list[Finding]:
    """Every finding of every check in the normalised `text`, in the order they occur. What
    lies inside a larger finding («12.03.2015» in «født 12.03.2015») and repeats of the same
    text are reported once."""
    text = normalise(text)
    found = [(span, check) for check in checks for span in check.spans(text)]
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


def find_case_information(text: str) -> list[Finding]:
    """Everything in `text` that looks like it could identify a person in a case."""
    return run_checks(text, CASE_INFORMATION_CHECKS)


def find_identifying(text: str) -> list[Finding]:
    """For a public document (the tilstandsrapport), where place and institution names are
    expected: identity numbers, dates of birth and known names, not every proper noun."""
    return run_checks(text, IDENTIFYING_CHECKS)


def kinds_of(findings: Iterable[Finding]) -> list[str]:
    """The kinds of the findings, each once, sorted: what an audit entry may record."""
    return sorted({finding.kind for finding in findings})
