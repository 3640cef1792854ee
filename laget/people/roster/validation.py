"""Checking every row of a roster; every problem is reported, with its row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.core.tabular import Table
from laget.core.validators import GUARD_PUBLIC, GUARD_REGISTER
from laget.domain import ranges
from laget.people.roster.columns import (
    BY_KEY,
    COURSES,
    LEVEL_VALUES,
    NO,
    ROLE_VALUES,
    YES,
    course_key,
    normalise,
)
from laget.people.roster.mapping import Mapping

MAX_LENGTHS = {
    "employee_number": 40,
    "given_name": 100,
    "family_name": 100,
    "email": 254,
    "position_title": 120,
    "end_reason": 200,
    "education_field": 150,
    "education_institution": 150,
    "prior_experience_from": 200,
    **{course_key(n, "name"): 200 for n in range(1, COURSES + 1)},
}

#: The case-information guard on the columns stored as text, as on the model fields they go
#: to: names and the employee number hold nothing but a name or a number, titles and places
#: no names of persons, numbers, dates of birth, children or families.
GUARDED = {
    "employee_number": GUARD_REGISTER,
    "given_name": GUARD_REGISTER,
    "family_name": GUARD_REGISTER,
    "position_title": GUARD_PUBLIC,
    "end_reason": GUARD_PUBLIC,
    "education_field": GUARD_PUBLIC,
    "education_institution": GUARD_PUBLIC,
    "prior_experience_from": GUARD_PUBLIC,
    **{course_key(n, "name"): GUARD_PUBLIC for n in range(1, COURSES + 1)},
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the template header, or "" for the row as a whole
    message: str

    def __str__(self) -> str:
        where = _("Rad %(row)d") % {"row": self.row}
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


@dataclass(frozen=True)
class RosterCourse:
    """One completed course of further education from a row's «Videreutdanning n» columns;
    `relevant` None: the file does not say (the list, or the leader, decides)."""

    name: str
    credits: Decimal
    completed_on: date | None
    relevant: bool | None


@dataclass
class RosterRow:
    """One valid row, in the register's own values."""

    row: int
    employee_number: str
    given_name: str
    family_name: str
    email: str
    birth_year: int | None
    position_title: str
    role_category: str
    unit: str
    fte_percent: Decimal
    start_date: date
    end_date: date | None
    end_reason: str
    education_level: str | None
    education_field: str
    #: None: the file does not say (the list, or the leader, decides)
    education_relevant: bool | None
    education_institution: str
    education_completed: date | None
    further_completed_credits: Decimal
    further_in_progress_credits: Decimal
    further_expected_end: date | None
    prior_experience_months: Decimal
    prior_experience_from: str
    courses: tuple[RosterCourse, ...] = ()


@dataclass
class ValidationResult:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


#: The person the template's example row describes: a row with the example's employee number
#: and name (the example row as downloaded, or a copy of it) is never imported as an employee.
EXAMPLE_PERSON_KEYS = ("employee_number", "given_name", "family_name")
EXAMPLE_PERSON = tuple(normalise(BY_KEY[key].example) for key in EXAMPLE_PERSON_KEYS)


ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
NORWEGIAN_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})")


def parse_date(value: str) -> date | None:
    """dd.mm.åååå (also dd/mm/åååå and dd.mm.åå) or åååå-mm-dd; None when it is not a date."""
    if match := ISO_DATE.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := NORWEGIAN_DATE.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000 if year < 50 else 1900
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _Row:
    """Reads and converts the cells of one row, collecting errors instead of stopping."""

    def __init__(
        self,
        number: int,
        cells: list[str],
        mapping: Mapping,
        errors: list[RowError],
        today: date | None = None,
    ):
        self.row_number, self.cells, self.mapping, self.errors = number, cells, mapping, errors
        self.today = today or timezone.localdate()  # the guard: later dates are no births

    def raw(self, key: str) -> str:
        position = self.mapping.get(key)
        return self.cells[position].strip() if position is not None else ""

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.row_number, BY_KEY[key].header if key else "", message))

    def text(self, key: str) -> str:
        value = self.raw(key)
        if BY_KEY[key].required and not value:
            self.error(key, _("må fylles ut"))
        limit = MAX_LENGTHS.get(key)
        if limit and len(value) > limit:
            self.error(key, _("er for lang (høyst %(n)d tegn)") % {"n": limit})
        elif value and key in GUARDED and (found := GUARDED[key].find(value, today=self.today)):
            self.error(
                key,
                _("kan inneholde opplysninger som identifiserer en sak: %(found)s")
                % {"found": "; ".join(finding.message for finding in found)},
            )
        return value

    def number(self, key: str, allowed: ranges.Range) -> Decimal | None:
        value = (
            self.raw(key).replace("%", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
        )
        if not value:
            if BY_KEY[key].required:
                self.error(key, _("må fylles ut"))
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            self.error(key, _("«%(value)s» er ikke et tall") % {"value": self.raw(key)})
            return None
        if not allowed.contains(number):
            self.error(
                key,
                _("må være %(range)s, fikk %(value)s")
                % {"range": allowed.describe(), "value": self.raw(key)},
            )
            return None
        return number

    def day(self, key: str, *, today: date, future_ok: bool = False) -> date | None:
        value = self.raw(key)
        if not value:
            if BY_KEY[key].required:
                self.error(key, _("må fylles ut"))
            return None
        parsed = parse_date(value)
        if parsed is None or parsed.year < 1940:
            self.error(key, _("«%(value)s» er ikke en dato (bruk dd.mm.åååå)") % {"value": value})
            return None
        if not future_ok and parsed > today:
            self.error(key, _("%(date)s er fram i tid") % {"date": parsed.strftime("%d.%m.%Y")})
            return None
        return parsed

    def choice(self, key: str, values: dict[str, str], allowed: str) -> str | None:
        value = normalise(self.raw(key))
        if not value:
            if BY_KEY[key].required:
                self.error(key, _("må fylles ut"))
            return None
        if value not in values:
            self.error(
                key,
                _("«%(value)s» er ikke gyldig; bruk %(allowed)s")
                % {"value": self.raw(key), "allowed": allowed},
            )
            return None
        return values[value]

    def yes_no(self, key: str) -> bool | None:
        """ja or nei; None when empty."""
        value = normalise(self.raw(key))
        if not value:
            return None
        if value not in YES | NO:
            self.error(key, _("«%(value)s» må være ja eller nei") % {"value": self.raw(key)})
            return None
        return value in YES

    def courses(self, today: date) -> tuple[RosterCourse, ...]:
        """The row's completed courses, «Videreutdanning 1» to «… 5»: a course with anything
        written needs its name and credits; the date may be left out, never in the future."""
        found: list[RosterCourse] = []
        names: dict[str, int] = {}
        for n in range(1, COURSES + 1):
            keys = {part: course_key(n, part) for part in ("name", "credits", "completed")}
            relevant_key = course_key(n, "relevant")
            if not any(self.raw(k) for k in (*keys.values(), relevant_key)):
                continue
            before = len(self.errors)
            name = self.text(keys["name"])
            if not name:
                self.error(keys["name"], _("må fylles ut når emnet har studiepoeng eller dato"))
            elif normalise(name) in names:
                self.error(
                    keys["name"],
                    _("«%(name)s» står også som videreutdanning %(n)d")
                    % {"name": name, "n": names[normalise(name)]},
                )
            else:
                names[normalise(name)] = n
            credits = self.number(keys["credits"], ranges.COURSE_CREDITS)
            if credits is None and not self.raw(keys["credits"]):
                self.error(keys["credits"], _("må fylles ut for hvert emne"))
            completed = self.day(keys["completed"], today=today)
            relevant = self.yes_no(relevant_key)
            if len(self.errors) == before:
                assert credits is not None
                found.append(RosterCourse(name, credits, completed, relevant))
        return tuple(found)


def validate_table(
    table: Table, mapping: Mapping, *, units: set[str], today: date
) -> ValidationResult:
    """Check every row; returns valid rows only when there are no errors at all."""
    result = ValidationResult()
    errors = result.errors
    seen_numbers: dict[str, int] = {}
    unit_names = {normalise(u): u for u in units}
    for number, cells in table.rows:
        r = _Row(number, cells, mapping, errors, today)
        before = len(errors)
        employee_number = r.text("employee_number")
        given, family = r.text("given_name"), r.text("family_name")
        if tuple(normalise(r.raw(key)) for key in EXAMPLE_PERSON_KEYS) == EXAMPLE_PERSON:
            r.error(
                "",
                _(
                    "er eksempelraden fra malen (%(name)s, ansattnummer %(number)s), ikke en "
                    "ansatt: slett raden før du importerer"
                )
                % {"name": f"{given} {family}", "number": employee_number},
            )
        email = r.text("email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                r.error("email", _("«%(value)s» er ikke en e-postadresse") % {"value": email})
        birth_year = None
        if r.raw("birth_year"):
            year = r.number("birth_year", ranges.birth_years(today))
            birth_year = int(year) if year is not None else None
            if re.fullmatch(r"\d{11}", r.raw("birth_year")):
                r.error("birth_year", _("ser ut som et fødselsnummer; Laget lagrer bare fødselsår"))
        title = r.text("position_title")
        role = r.choice(
            "role_category",
            ROLE_VALUES,
            "leder, stedfortreder, kjerne, tiltak, administrasjon eller annet",
        )
        unit = r.raw("unit")
        if unit and normalise(unit) not in unit_names:
            known = ", ".join(sorted(units)) or _("(tjenesten har ingen enheter)")
            r.error(
                "unit",
                _("«%(value)s» er ikke en enhet i tjenesten; kjente enheter: %(known)s")
                % {"value": unit, "known": known},
            )
        fte = r.number("fte_percent", ranges.FTE_PERCENT)
        start = r.day("start_date", today=today)
        end = r.day("end_date", today=today, future_ok=True)
        if start and end and end < start:
            r.error(
                "end_date",
                _("sluttdato %(end)s er før startdato %(start)s")
                % {"end": end.strftime("%d.%m.%Y"), "start": start.strftime("%d.%m.%Y")},
            )
        end_reason = r.text("end_reason")
        if end_reason and not r.raw("end_date"):
            r.error("end_reason", _("sluttårsak uten sluttdato"))
        level = r.choice(
            "education_level",
            LEVEL_VALUES,
            "ingen, videregående, fagskole, bachelor, master eller doktorgrad",
        )
        relevant = r.yes_no("education_relevant")
        completed = r.day("education_completed", today=today)
        if level and level != "none" and not r.raw("education_completed"):
            r.error("education_completed", _("må fylles ut når høyeste utdanning er oppgitt"))
        if r.raw("education_completed") and not r.raw("education_level"):
            r.error("education_level", _("må fylles ut når utdanning fullført er oppgitt"))
        credits_done = r.number("further_completed_credits", ranges.CREDITS) or Decimal(0)
        courses = r.courses(today)
        in_courses = sum((c.credits for c in courses if c.relevant is not False), Decimal(0))
        if credits_done and credits_done < in_courses:
            r.error(
                "further_completed_credits",
                _(
                    "summen (%(sum)s) er mindre enn emnene på raden (%(courses)s studiepoeng); "
                    "summen skal ta med emnene"
                )
                % {"sum": r.raw("further_completed_credits"), "courses": f"{in_courses:g}"},
            )
        credits_ongoing = r.number("further_in_progress_credits", ranges.CREDITS) or Decimal(0)
        expected = r.day("further_expected_end", today=today, future_ok=True)
        if credits_ongoing and not r.raw("further_expected_end"):
            r.error("further_expected_end", _("må fylles ut når videreutdanning pågår"))
        if expected and expected < today and credits_ongoing:
            r.error(
                "further_expected_end",
                _("%(date)s er passert; før opp studiepoengene som fullført eller sett ny dato")
                % {"date": expected.strftime("%d.%m.%Y")},
            )
        prior = r.number("prior_experience_months", ranges.EXPERIENCE_MONTHS) or Decimal(0)
        field_of_study, institution = r.text("education_field"), r.text("education_institution")
        prior_from = r.text("prior_experience_from")
        if employee_number:
            if employee_number in seen_numbers:
                r.error(
                    "employee_number",
                    _("%(number)s står også på rad %(row)d")
                    % {"number": employee_number, "row": seen_numbers[employee_number]},
                )
            else:
                seen_numbers[employee_number] = number
        if len(errors) == before:
            assert role is not None and fte is not None and start is not None
            result.rows.append(
                RosterRow(
                    number,
                    employee_number,
                    given,
                    family,
                    email,
                    birth_year,
                    title,
                    role,
                    unit_names.get(normalise(unit), ""),
                    fte,
                    start,
                    end,
                    end_reason,
                    level,
                    field_of_study,
                    relevant,
                    institution,
                    completed,
                    credits_done,
                    credits_ongoing,
                    expected,
                    prior,
                    prior_from,
                    courses,
                )
            )
    if errors:
        result.rows = []
    return result
