"""Django validators: number ranges from the domain's catalogue (`laget.domain.ranges`), and the
case-information guard (`laget.domain.case_guard`) on every stored free-text field."""

from __future__ import annotations

import csv
import functools
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from laget.domain.case_guard import (
    IDENTIFYING_CHECKS,
    REGISTER_CHECKS,
    Check,
    Finding,
    case_information_checks,
    run_checks,
)
from laget.domain.ranges import Range

#: SSB's lists of municipalities and counties (laget/organisations/data).
REFERENCE_DATA = Path(__file__).resolve().parent.parent / "organisations" / "data"


def within(allowed: Range) -> list:
    """Validators for a model or form field: the range's ends, inclusive."""
    return [MinValueValidator(allowed.low), MaxValueValidator(allowed.high)]


@functools.cache
def place_names() -> tuple[str, ...]:
    """Every municipality and county: names of places, never of persons, so notes may hold
    them («samlinger i Trondheim»)."""
    names: list[str] = []
    for file, column in (("kommuner.csv", "kommunenavn"), ("fylker.csv", "fylkesnavn")):
        with (REFERENCE_DATA / file).open(encoding="utf-8") as rows:
            names += [row[column] for row in csv.DictReader(rows)]
    return tuple(names)


@functools.cache
def _check_set(name: str) -> tuple[Check, ...]:
    if name == "notes":
        return case_information_checks(place_names())
    return {"public": IDENTIFYING_CHECKS, "register": REGISTER_CHECKS}[name]


@functools.lru_cache(maxsize=16384)
def _found(checks: str, text: str, today: date) -> tuple[Finding, ...]:
    """Kept for the same text on the same day: an import checks the same titles, places and
    names in its preview and again when it imports."""
    return tuple(run_checks(text, _check_set(checks), today=today))


@deconstructible
class CaseGuard:
    """The case-information guard on a model field's text. `checks` says how strictly:

    - "notes": notes and reflections, where every capitalised word inside a sentence is a name
      (except places and known institutions);
    - "public": titles and public text (a report, a vacancy's title, a course's provider),
      where places and institutions are expected and known names, numbers, dates of birth,
      children and families are not;
    - "register": text that holds a person's name by design (a staff member's name, an
      external supervisor), where everything but the name is checked.

    As a validator it refuses what the guard finds (the admin, a model form, `full_clean`).
    Forms with the writer's confirmation (`laget.core.forms.CaseGuardMixin`) check "notes" and
    "public" fields themselves and let the writer confirm past a warning; "register" fields
    are never confirmed past: a name holds no number or year."""

    code = "case_information"
    CHECKS = ("notes", "public", "register")

    def __init__(self, checks: str = "notes") -> None:
        if checks not in self.CHECKS:
            raise ValueError(checks)
        self.checks = checks

    @property
    def confirmable(self) -> bool:
        return self.checks != "register"

    def find(self, text: str, *, today: date | None = None) -> list[Finding]:
        """What the guard finds in `text`; dates after today are deadlines, not births."""
        return list(_found(self.checks, text or "", today or timezone.localdate()))

    def __call__(self, value: object) -> None:
        findings = self.find(str(value or ""))
        if findings:
            raise ValidationError(
                _("Kan inneholde opplysninger som identifiserer en sak: %(found)s")
                % {"found": "; ".join(finding.message for finding in findings)},
                code=self.code,
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CaseGuard) and other.checks == self.checks

    def __hash__(self) -> int:
        return hash(self.checks)


GUARD_NOTES = CaseGuard("notes")
GUARD_PUBLIC = CaseGuard("public")
GUARD_REGISTER = CaseGuard("register")


def case_guard_of(field: models.Field) -> CaseGuard | None:
    """The guard on a model field, if it has one."""
    return next((v for v in field.validators if isinstance(v, CaseGuard)), None)
