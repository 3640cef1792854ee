"""A guard against case-identifying information in free text (supervision notes, debriefs).

Laget holds no child or case data. Before a note is saved it is checked for what most often
identifies a case: national identity numbers (11 digits, also written 6 + 5), dates that look
like dates of birth, and names. Names are found the way Norwegian writes them: a capitalised
word inside a sentence is a proper noun, and so is a common first name anywhere. Known
institutions and roles are allowed. The guard warns; the writer can still save after an
explicit confirmation, which the caller logs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Capitalised words that are not persons (institutions, programmes, places of work).
ALLOWED = {
    "bufetat", "bufdir", "nav", "bup", "dps", "ks", "ssb", "statsforvalteren", "fylkesnemnda",
    "barneverntjenesten", "barnevernet", "barnehusets", "barnehuset", "politiet", "helsestasjonen",
    "ppt", "skolen", "kommunen", "laget", "ledvei", "nord", "ntnu", "oslomet", "rvts", "rbup",
    "tiltak", "jeg", "vi", "de", "han", "hun", "teams", "mtm", "fft", "pmto", "tibir",
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
}  # fmt: skip

#: Common Norwegian first names (SSB's most frequent): caught when capitalised even at the start
#: of a sentence («Per», not the preposition «per»).
FIRST_NAMES = {
    "jan", "per", "bjørn", "ole", "lars", "kjell", "knut", "arne", "svein", "thomas", "hans",
    "geir", "tor", "morten", "terje", "odd", "erik", "martin", "andreas", "john", "anders",
    "ola", "jonas", "emil", "noah", "oskar", "lucas", "filip", "william", "henrik", "magnus",
    "anne", "inger", "kari", "marit", "ingrid", "liv", "eva", "berit", "astrid", "bjørg",
    "hilde", "anna", "solveig", "marianne", "randi", "ida", "nina", "maria", "elisabeth",
    "kristin", "nora", "emma", "ella", "sofie", "olivia", "leah", "sara", "ingeborg", "maja",
}  # fmt: skip

FNR = re.compile(r"(?<!\d)(\d{6})\s?(\d{5})(?!\d)")
BIRTH_DATE = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})(?!\d)")
BORN = re.compile(r"\bf(ø|o)dt\b|\bf\.\s?\d", re.IGNORECASE)
WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜü][A-Za-zÆØÅæøåÉéÜü'-]*")
SENTENCE_END = re.compile(r"[.!?:\n]\s*$")


@dataclass(frozen=True)
class Finding:
    kind: str  # "fnr", "birth_date", "name"
    text: str

    @property
    def message(self) -> str:
        return {
            "fnr": "Ser ut som et fødselsnummer: «{}»",
            "birth_date": "Ser ut som en fødselsdato: «{}»",
            "name": "Ser ut som et navn: «{}»",
        }[self.kind].format(self.text)


def _looks_like_fnr(digits: str) -> bool:
    """Eleven digits whose first six are a possible date (D-numbers add 4 to the day)."""
    day, month = int(digits[0:2]), int(digits[2:4])
    if day > 40:
        day -= 40
    return 1 <= day <= 31 and 1 <= month <= 12


def find_case_information(text: str) -> list[Finding]:
    """Everything in `text` that looks like it could identify a person in a case."""
    findings: list[Finding] = []
    for match in FNR.finditer(text):
        digits = match.group(1) + match.group(2)
        if _looks_like_fnr(digits):
            findings.append(Finding("fnr", match.group(0)))
    for match in BIRTH_DATE.finditer(text):
        day, month = int(match.group(1)), int(match.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            findings.append(Finding("birth_date", match.group(0)))
    born = BORN.search(text)
    if born and not any(f.kind == "birth_date" for f in findings):
        findings.append(Finding("birth_date", born.group(0)))
    seen: set[str] = set()
    for match in WORD.finditer(text):
        word = match.group(0)
        lower = word.lower()
        if lower in ALLOWED or word in seen:
            continue
        before = text[: match.start()]
        sentence_start = not before.strip() or bool(SENTENCE_END.search(before))
        capitalised = word[0].isupper() and not word.isupper()
        if capitalised and (lower in FIRST_NAMES or not sentence_start):
            findings.append(Finding("name", word))
            seen.add(word)
    return findings


def find_identifying(text: str) -> list[Finding]:
    """For a public document (the tilstandsrapport), where place and institution names are
    expected: identity numbers, dates of birth and common first names, not every proper noun."""
    return [
        finding
        for finding in find_case_information(text)
        if finding.kind != "name" or finding.text.lower() in FIRST_NAMES
    ]
