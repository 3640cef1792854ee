"""Importing monthly sick-leave aggregates from HR/payroll (.xlsx or .csv).

One row per month, for the whole service or one of its units: agreed working days, lost days
self-certified and doctor-certified, optionally split short/long term, and the number of
employees the figures rest on. Never a person, never a diagnosis.

Every row is checked and every error reported with its row number; a file with any error
changes nothing. A month already on record for the same service or unit is replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from laget.accounts import access
from laget.core.audit import audit_record
from laget.core.models import AuditAction
from laget.core.tabular import Table
from laget.core.xlsx import style_header, workbook_bytes
from laget.domain import ranges
from laget.organisations.models import Service
from laget.workforce.models import SickLeaveImport, SickLeaveMonth

EARLIEST_YEAR = 2000
TOLERANCE = Decimal("0.5")  # short + long may differ from the total by rounding


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    synonyms: tuple[str, ...]
    help: str
    example: str


COLUMNS = [
    Column(
        "month",
        "Måned",
        True,
        ("måned", "maned", "periode", "month", "år-måned"),
        "Måneden tallene gjelder: 2025-03, 03.2025 eller en dato i måneden.",
        "2025-03",
    ),
    Column(
        "unit",
        "Enhet",
        False,
        ("enhet", "avdeling", "unit"),
        "Tom for hele tjenesten, ellers navnet på enheten slik det står i Laget.",
        "",
    ),
    Column(
        "agreed_days",
        "Avtalte dagsverk",
        True,
        ("avtalte dagsverk", "avtalte dv", "avtalt", "avtalte"),
        "Avtalte dagsverk i måneden (stillingsprosent × arbeidsdager).",
        "2150",
    ),
    Column(
        "self_certified_days",
        "Egenmeldte fraværsdagsverk",
        True,
        ("egenmeldte fraværsdagsverk", "egenmeldt", "egenmeldte dagsverk", "egenmeldte"),
        "Tapte dagsverk ved egenmeldt sykefravær.",
        "38,5",
    ),
    Column(
        "doctor_certified_days",
        "Legemeldte fraværsdagsverk",
        True,
        ("legemeldte fraværsdagsverk", "legemeldt", "legemeldte dagsverk", "legemeldte"),
        "Tapte dagsverk ved legemeldt sykefravær.",
        "171",
    ),
    Column(
        "short_term_days",
        "Korttidsfravær (1–16 dager)",
        False,
        ("korttidsfravær (1–16 dager)", "korttidsfravær", "korttid"),
        "Valgfritt: fraværsdagsverk i fravær på 1–16 dager.",
        "60",
    ),
    Column(
        "long_term_days",
        "Langtidsfravær (over 16 dager)",
        False,
        ("langtidsfravær (over 16 dager)", "langtidsfravær", "langtid"),
        "Valgfritt: fraværsdagsverk i fravær over 16 dager.",
        "149,5",
    ),
    Column(
        "persons",
        "Antall ansatte",
        True,
        ("antall ansatte", "ansatte", "antall", "personer"),
        "Hvor mange ansatte tallene bygger på (brukes til å skjule små tall).",
        "104",
    ),
]
BY_KEY = {c.key: c for c in COLUMNS}


@dataclass
class Checked:
    """The outcome of checking a file: the rows to store, or every error found."""

    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # file-level problems
    row_errors: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.row_errors and bool(self.rows)


def _normalise(header: str) -> str:
    return re.sub(r"\s+", " ", header.strip().lower())


def column_positions(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds what, found by name; and the problems (missing or doubled)."""
    names = [_normalise(h) for h in headers]
    positions: dict[str, int] = {}
    problems: list[str] = []
    for column in COLUMNS:
        found = [i for i, name in enumerate(names) if name in column.synonyms]
        if len(found) > 1:
            problems.append(
                _("Kolonnen «%(c)s» finnes flere ganger i filen.") % {"c": column.header}
            )
        elif found:
            positions[column.key] = found[0]
        elif column.required:
            problems.append(
                _("Kolonnen «%(c)s» mangler (filen har: %(h)s).")
                % {"c": column.header, "h": ", ".join(h for h in headers if h) or "–"}
            )
    return positions, problems


def parse_month(text: str) -> date | None:
    text = text.strip()
    for pattern, y, m in (
        (r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", 1, 2),
        (r"(\d{1,2})[./](\d{4})", 2, 1),
        (r"\d{1,2}\.(\d{1,2})\.(\d{4})", 2, 1),
    ):
        match = re.fullmatch(pattern, text)
        if match:
            year, month = int(match.group(y)), int(match.group(m))
            if 1 <= month <= 12 and year >= date.min.year:  # there is no year 0
                return date(year, month, 1)
    return None


def _number(text: str) -> Decimal | None:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def check(service: Service, table: Table, today: date) -> Checked:
    """Check every row; nothing is written."""
    result = Checked()
    positions, problems = column_positions(table.headers)
    if problems:
        result.errors = problems
        return result
    units = {_normalise(u.name): u for u in service.units.all()}
    seen: dict[tuple[str, date], int] = {}
    for number, cells in table.rows:

        def cell(key: str, cells: list[str] = cells) -> str:
            position = positions.get(key)
            return cells[position].strip() if position is not None else ""

        errors: list[str] = []
        month = parse_month(cell("month"))
        if month is None:
            errors.append(
                _("Måned «%(v)s» er ikke en måned (skriv f.eks. 2025-03).") % {"v": cell("month")}
            )
        elif month > date(today.year, today.month, 1):
            errors.append(_("Måneden %(m)s er ikke begynt ennå.") % {"m": f"{month:%Y-%m}"})
        elif month.year < EARLIEST_YEAR:
            errors.append(_("Måneden %(m)s er før år 2000.") % {"m": f"{month:%Y-%m}"})
        unit_name = cell("unit")
        unit = units.get(_normalise(unit_name)) if unit_name else None
        if unit_name and unit is None:
            errors.append(
                _("Enheten «%(u)s» finnes ikke i %(s)s.") % {"u": unit_name, "s": service.name}
            )
        values: dict[str, Decimal | None] = {}
        for key in (
            "agreed_days",
            "self_certified_days",
            "doctor_certified_days",
            "short_term_days",
            "long_term_days",
            "persons",
        ):
            column = BY_KEY[key]
            text = cell(key)
            if not text:
                values[key] = None
                if column.required:
                    errors.append(_("«%(c)s» mangler.") % {"c": column.header})
                continue
            value = _number(text)
            if value is None:
                errors.append(
                    _("«%(c)s» må være et tall (fikk «%(v)s»).") % {"c": column.header, "v": text}
                )
            elif value < 0:
                errors.append(_("«%(c)s» kan ikke være negativ.") % {"c": column.header})
                value = None
            values[key] = value
        agreed, own, doctor = (
            values["agreed_days"],
            values["self_certified_days"],
            values["doctor_certified_days"],
        )
        persons = values["persons"]
        if persons is not None and persons != persons.to_integral_value():
            errors.append(_("«Antall ansatte» må være et helt tall."))
            persons = values["persons"] = None
        elif persons is not None and not ranges.SERVICE_STAFF.contains(persons):
            errors.append(
                _("«Antall ansatte» må være %(range)s (fikk %(v)s).")
                % {"range": ranges.SERVICE_STAFF.describe(), "v": cell("persons")}
            )
            persons = values["persons"] = None
        if agreed is not None and agreed == 0:
            errors.append(_("«Avtalte dagsverk» må være større enn null."))
        elif agreed is not None and month is not None and persons is not None:
            possible = ranges.agreed_days(month, int(persons))
            if not possible.contains(agreed):
                errors.append(
                    _(
                        "«Avtalte dagsverk» %(v)s er flere enn %(n)s ansatte kan ha på en måned "
                        "(høyst %(max)s)."
                    )
                    % {"v": cell("agreed_days"), "n": int(persons), "max": possible.high}
                )
                agreed = values["agreed_days"] = None
        if agreed is not None and own is not None and doctor is not None and own + doctor > agreed:
            errors.append(
                _("Tapte dagsverk (%(lost)s) er flere enn de avtalte (%(agreed)s).")
                % {"lost": own + doctor, "agreed": agreed}
            )
        short, long = values["short_term_days"], values["long_term_days"]
        if (short is None) != (long is None):
            errors.append(_("Oppgi både korttids- og langtidsfravær, eller ingen av dem."))
        elif (
            short is not None
            and long is not None
            and own is not None
            and doctor is not None
            and abs(short + long - own - doctor) > TOLERANCE
        ):
            errors.append(
                _("Korttid + langtid (%(sum)s) er ikke lik egenmeldt + legemeldt (%(lost)s).")
                % {"sum": short + long, "lost": own + doctor}
            )
        if month is not None:
            place = (unit.name if unit else "", month)
            if place in seen:
                errors.append(
                    _("Samme måned og enhet står også på rad %(n)d.") % {"n": seen[place]}
                )
            else:
                seen[place] = number
        if errors:
            result.row_errors.append((number, errors))
            continue
        assert month is not None and persons is not None
        result.rows.append(
            {
                "month": month.isoformat(),
                "unit_id": unit.pk if unit else None,
                "unit": unit.name if unit else "",
                **{
                    k: (str(v) if v is not None else None)
                    for k, v in values.items()
                    if k != "persons"
                },
                "persons": int(persons),
            }
        )
    if not result.rows and not result.row_errors:
        result.errors.append(_("Filen har ingen rader med sykefravær."))
    return result


@transaction.atomic
def sick_leave_import_apply(*, actor, service: Service, rows: list[dict]) -> tuple[int, int]:
    """Store checked rows; a month already on record for the service/unit is replaced.
    Returns (new, replaced). Audited."""
    created = replaced = 0
    for row in rows:
        defaults = {
            key: (Decimal(row[key]) if row[key] is not None else None)
            for key in (
                "agreed_days",
                "self_certified_days",
                "doctor_certified_days",
                "short_term_days",
                "long_term_days",
            )
        }
        defaults["persons"] = row["persons"]
        _obj, was_created = SickLeaveMonth.objects.update_or_create(
            service=service,
            unit_id=row["unit_id"],
            month=date.fromisoformat(row["month"]),
            defaults=defaults,
        )
        created += was_created
        replaced += not was_created
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=service,
        service=service,
        summary=_("Importerte sykefravær: %(c)d nye måneder, %(r)d erstattet"),
        values={"c": created, "r": replaced},
    )
    return created, replaced


@transaction.atomic
def sick_leave_import_discard(*, actor, pending: SickLeaveImport) -> None:
    """Forget a checked sick-leave file that was never imported (its rows with it)."""
    if not access.has_person_access(actor, pending.service):
        raise PermissionDenied(_("Bare leder og HR i tjenesten kan gjøre dette."))
    if pending.state != SickLeaveImport.State.PENDING:
        raise PermissionDenied(_("Filen er alt importert."))
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        summary=_("Forkastet en opplastet sykefraværsfil"),  # its name is the user's text
        obj=pending,
        service=pending.service,
    )
    pending.delete()


def sick_leave_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Sykefravær")
    sheet.append([c.header for c in COLUMNS])
    sheet.append([c.example for c in COLUMNS])
    style_header(sheet, widths=[max(14, len(c.header) + 2) for c in COLUMNS])
    explanation = workbook.create_sheet(_("Forklaring"))
    explanation.append([_("Kolonne"), _("Påkrevd"), _("Forklaring")])
    for column in COLUMNS:
        explanation.append([column.header, _("ja") if column.required else "", column.help])
    explanation.append([])
    explanation.append(
        [
            _(
                "Én rad per måned (og enhet). Bare summer for tjenesten: ingen personer, ingen diagnoser."
            )
        ]
    )
    style_header(explanation, widths=[32, 10, 80])
    return workbook_bytes(workbook)
