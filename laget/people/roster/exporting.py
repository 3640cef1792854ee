"""The register, and the empty template, as .xlsx files with the import's own columns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from laget.core.audit import audit_record
from laget.core.models import AuditAction
from laget.core.xlsx import style_header, workbook_bytes
from laget.organisations.models import Service
from laget.people.models import (
    EducationLevel,
    Employment,
    FurtherEducationStatus,
    Person,
    RelevanceBasis,
    Source,
)
from laget.people.roster.columns import COLUMNS, COURSES, LEVEL_VALUES, ROLE_VALUES, course_key

NOT_ASSESSED = RelevanceBasis.NOT_ASSESSED

ROLE_NAMES = {value: name for name, value in reversed(list(ROLE_VALUES.items()))}
LEVEL_NAMES = {value: name for name, value in reversed(list(LEVEL_VALUES.items()))}
LEVEL_ORDER = [choice for choice, _label in EducationLevel.choices]
DATE_FORMAT = "DD.MM.YYYY"


def _explanation(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(_("Forklaring"))
    sheet.append([_("Kolonne"), _("Påkrevd"), _("Forklaring"), _("Eksempel")])
    for column in COLUMNS:
        sheet.append(
            [column.header, _("ja") if column.required else "", column.help, column.example]
        )
    style_header(sheet, widths=[44, 10, 90, 24])
    sheet.append([])
    sheet.append(
        [
            _(
                "Én rad per ansatt. Datoer som dd.mm.åååå. Ingen fødselsnumre, ingen opplysninger om barn eller saker."
            )
        ]
    )
    sheet.append(
        [
            _(
                "Rad 2 i arket Ansatte (Kari Nordmann) er et eksempel: slett den. Importen avviser den."
            )
        ]
    )
    sheet.append(
        [
            _(
                "Videreutdanning: før opp hvert fullført emne i kolonnene «Videreutdanning 1» til «Videreutdanning 5» (navn, studiepoeng, dato og om det er relevant). Regelsettet Laget regner etter, leser lovens «en relevant videreutdanning med minst 30 studiepoeng» som ett emne på minst 30 studiepoeng: to emner på 15 er ikke nok, og en sum uten emnene bak kan ikke regnes som oppfylt, så personen får status «må sjekkes» til emnene er registrert."
            )
        ]
    )
    sheet.append(
        [
            _(
                "Summene for videreutdanning og tidligere erfaring tar med alt; det som alt står som emner i filen eller er registrert i Laget, legges ikke til to ganger. Et emne med samme navn som et emne registrert i Laget, hoppes over."
            )
        ]
    )
    sheet.append(
        [
            _(
                "Relevant utdanning: står fagfeltet (bachelor, master) eller emnet på Lagets liste over relevant utdanning, teller det som relevant, med kilde på personens side. Ellers gjelder ja eller nei i filen; tomt betyr ikke vurdert, og lederen avgjør det."
            )
        ]
    )


def _workbook() -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Ansatte")
    sheet.append([column.header for column in COLUMNS])
    style_header(sheet, widths=[max(12, min(len(c.header) + 2, 40)) for c in COLUMNS])
    return workbook, sheet


def roster_template() -> bytes:
    workbook, sheet = _workbook()
    sheet.append([column.example for column in COLUMNS])
    _explanation(workbook)
    return workbook_bytes(workbook)


def _row(employment: Employment) -> list:
    person: Person = employment.person
    educations = sorted(
        person.educations.all(),
        key=lambda e: (e.completed_on is not None, e.relevant, LEVEL_ORDER.index(e.level)),
    )
    completed = [e for e in educations if e.completed_on is not None]
    best = completed[-1] if completed else None
    everything = list(person.further_educations.all())
    # what a file's sums count: relevant, or not judged yet (as the import counts its courses)
    further = [f for f in everything if f.relevant or f.relevance_basis == NOT_ASSESSED]
    done = sum(
        (f.credits for f in further if f.status == FurtherEducationStatus.COMPLETED), Decimal(0)
    )
    ongoing_items = [
        f
        for f in further
        if f.relevant
        and f.status in (FurtherEducationStatus.ADMITTED, FurtherEducationStatus.IN_PROGRESS)
    ]
    ongoing = sum((f.credits for f in ongoing_items), Decimal(0))
    expected = max((f.ends_on for f in ongoing_items if f.ends_on), default=None)
    prior = list(person.prior_experiences.all())
    values = {
        "employee_number": employment.employee_number,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "email": person.email,
        "birth_year": person.birth_year,
        "position_title": employment.position_title,
        "role_category": ROLE_NAMES[employment.role_category],
        "unit": employment.unit.name if employment.unit else "",
        "fte_percent": float(employment.fte_percent),
        "start_date": employment.start_date,
        "end_date": employment.end_date,
        "end_reason": employment.end_reason,
        "education_level": LEVEL_NAMES[best.level] if best else "",
        "education_field": best.field if best else "",
        "education_relevant": _yes_no(best) if best else "",
        "education_institution": best.institution if best else "",
        "education_completed": best.completed_on if best else None,
        "further_completed_credits": float(done) if done else None,
        "further_in_progress_credits": float(ongoing) if ongoing else None,
        "further_expected_end": expected,
        "prior_experience_months": float(sum((p.months for p in prior), Decimal(0)))
        if prior
        else None,
        "prior_experience_from": ", ".join(p.employer for p in prior if p.employer),
    }
    for n, course in enumerate(_courses(everything), start=1):
        values[course_key(n, "name")] = course.course
        values[course_key(n, "credits")] = float(course.credits)
        values[course_key(n, "completed")] = course.ends_on
        values[course_key(n, "relevant")] = _yes_no(course)
    return [values.get(column.key) for column in COLUMNS]


def _yes_no(record) -> str:
    """«ja» or «nei»; empty for what nobody has judged, as the import reads it."""
    if record.relevance_basis == NOT_ASSESSED:
        return ""
    return _("ja") if record.relevant else _("nei")


def _courses(further: list) -> list:
    """The completed courses a row can hold, those a file gave first (so the next import of
    the file finds them all), then those registered by hand, each by date."""
    courses = [f for f in further if f.status == FurtherEducationStatus.COMPLETED and not f.is_sum]
    courses.sort(key=lambda f: (f.source != Source.IMPORT, f.ends_on or date.min, f.pk))
    return courses[:COURSES]


@transaction.atomic
def roster_xlsx_export(*, actor, service: Service, today: date) -> tuple[str, bytes]:
    """Everyone employed in the service today, as the import template. Audited as an export.
    The caller must already have checked person access."""
    employments = list(
        Employment.objects.active_on(today)
        .filter(service=service)
        .select_related("person", "unit")
        .prefetch_related(
            Prefetch("person__educations"),
            "person__further_educations",
            "person__prior_experiences",
        )
        .order_by("person__family_name", "person__given_name", "pk")
    )
    workbook, sheet = _workbook()
    dates = ("start_date", "end_date", "education_completed", "further_expected_end")
    date_columns = [
        i for i, c in enumerate(COLUMNS, start=1) if c.key in dates or c.key.endswith("_completed")
    ]
    for employment in employments:
        sheet.append(_row(employment))
        for column in date_columns:
            sheet.cell(row=sheet.max_row, column=column).number_format = DATE_FORMAT
    _explanation(workbook)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=service,
        service=service,
        summary=_("Eksporterte ansattregisteret (%(n)d personer)"),
        values={"n": len(employments)},
    )
    return f"ansatte-{service.slug}-{today:%Y-%m-%d}.xlsx", workbook_bytes(workbook)
