"""The roster import: validated as a whole, applied in one transaction, idempotent.

Employees are recognised by their employee number within the service. Education, further
education and prior experience that came from an import are replaced by the next import of
the same person when they differ; what was registered by hand in Laget is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from laget.accounts import access
from laget.competence import relevance
from laget.core.audit import audit_record
from laget.core.models import AuditAction, RegisterRevision
from laget.core.tabular import Table
from laget.organisations.models import Service
from laget.people.models import (
    Education,
    Employment,
    FurtherEducation,
    FurtherEducationStatus,
    Person,
    PriorExperience,
    RelevanceBasis,
    Source,
)
from laget.people.roster import preview
from laget.people.roster.columns import normalise
from laget.people.roster.mapping import Mapping, mapping_problems
from laget.people.roster.validation import RosterRow, RowError, validate_table
from laget.people.signals import employee_hired

COMPLETED_COURSE = "Relevant videreutdanning (fra HR-import)"
ONGOING_COURSE = "Relevant videreutdanning som pågår (fra HR-import)"
#: A file's sum is relevant by its column's name («Relevant videreutdanning …»), no education
#: of its own for the list to classify.
SUM_RELEVANCE = (True, RelevanceBasis.ASSESSED.value, "", "")


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    file_problems: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    applied: bool = False
    #: who was created or changed, and which fields (names only, never values): for the audit
    changes: list[dict] = field(default_factory=list)
    #: every person in the file with what will change, values too: for the page only
    persons: list[preview.PersonPreview] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_problems

    def to_json(self) -> dict:
        return {
            "errors": [[e.row, e.column, e.message] for e in self.errors],
            "file_problems": self.file_problems,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "applied": self.applied,
        }


PERSON_FIELDS = ("given_name", "family_name", "email", "birth_year")
EMPLOYMENT_FIELDS = (
    "position_title",
    "role_category",
    "fte_percent",
    "start_date",
    "end_date",
    "end_reason",
    "unit_id",
)


def _person_values(row: RosterRow) -> dict:
    return {
        "given_name": row.given_name,
        "family_name": row.family_name,
        "email": row.email,
        "birth_year": row.birth_year,
    }


def _employment_values(row: RosterRow, units: dict[str, int]) -> dict:
    return {
        "position_title": row.position_title,
        "role_category": row.role_category,
        "fte_percent": row.fte_percent,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "end_reason": row.end_reason,
        "unit_id": units.get(row.unit),
    }


#: How a record's relevance was decided, as stored: (relevant, basis, list entry, version).
RELEVANCE = ("relevance_basis", "relevance_entry", "relevance_version")
EDUCATION_VALUES = ("level", "field", "relevant", "institution", "completed_on", *RELEVANCE)
FURTHER_VALUES = ("course", "credits", "status", "ends_on", "is_sum", "relevant", *RELEVANCE)


@dataclass
class StoredRecords:
    """One person's education, further education and prior experience as stored, read in three
    flat queries for the whole file (no per-person querysets): (source, *EDUCATION_VALUES),
    (source, *FURTHER_VALUES) and (source, months, employer)."""

    educations: list[tuple] = field(default_factory=list)
    further: list[tuple] = field(default_factory=list)
    prior: list[tuple] = field(default_factory=list)


def _stored_records(person_ids: list[int]) -> dict[int, StoredRecords]:
    stored: dict[int, StoredRecords] = {pk: StoredRecords() for pk in person_ids}
    for pk, *values in Education.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "source", *EDUCATION_VALUES
    ):
        stored[pk].educations.append(tuple(values))
    for pk, *values in FurtherEducation.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "source", *FURTHER_VALUES
    ):
        stored[pk].further.append(tuple(values))
    for pk, *values in PriorExperience.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "source", "months", "employer"
    ):
        stored[pk].prior.append(tuple(values))
    return stored


ONGOING = (FurtherEducationStatus.ADMITTED, FurtherEducationStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Registered:
    """What is already registered by hand in Laget, so a file adds only the rest: an education
    of the same level (and relevance or field), a course of the same name, and from the file's
    sums what the courses registered by hand already hold."""

    educations: frozenset[tuple[str, object]] = frozenset()
    courses: frozenset[str] = frozenset()
    completed_credits: Decimal = Decimal(0)
    ongoing_credits: Decimal = Decimal(0)
    prior_months: Decimal = Decimal(0)

    @classmethod
    def from_stored(cls, stored: StoredRecords) -> Registered:
        manual = [f for f in stored.further if f[0] == Source.MANUAL]
        relevant = [f for f in manual if f[6]]
        return cls(
            educations=frozenset(
                key
                for e in stored.educations
                if e[0] == Source.MANUAL
                for key in ((e[1], e[3]), (e[1], normalise(e[2])))
            ),
            courses=frozenset(normalise(f[1]) for f in manual),
            completed_credits=sum(
                (f[2] for f in relevant if f[3] == FurtherEducationStatus.COMPLETED), Decimal(0)
            ),
            ongoing_credits=sum((f[2] for f in relevant if f[3] in ONGOING), Decimal(0)),
            prior_months=sum((p[1] for p in stored.prior if p[0] == Source.MANUAL), Decimal(0)),
        )

    def has_education(self, level: str, field: str, relevant: bool) -> bool:
        return bool({(level, relevant), (level, normalise(field))} & self.educations)


def _relevance(classified) -> tuple:
    return (classified.relevant, classified.basis, classified.entry, classified.version)


def _register_records(row: RosterRow, registered: Registered = Registered()) -> tuple[tuple, ...]:
    """The import-sourced records a row calls for, as comparable tuples (so an unchanged row
    writes nothing), each education classified by the list of relevant education. Courses
    are stored one by one; the file's sums (which count its courses in) only for what neither
    its courses nor what is registered by hand holds, and then as sums."""
    records: list[tuple] = []
    if row.education_level:
        classified = relevance.education_classified(
            row.education_level, row.education_field, row.education_relevant
        )
        if not registered.has_education(
            row.education_level, row.education_field, classified.relevant
        ):
            records.append(
                (
                    "education",
                    row.education_level,
                    row.education_field,
                    classified.relevant,
                    row.education_institution,
                    row.education_completed,
                    *_relevance(classified)[1:],
                )
            )
    in_courses = Decimal(0)
    for course in row.courses:
        if normalise(course.name) in registered.courses:
            continue  # registered by hand: its credits are among `registered`'s
        classified = relevance.further_classified(course.name, course.relevant)
        if course.relevant is not False:
            in_courses += course.credits
        records.append(
            (
                "further",
                course.name,
                course.credits,
                FurtherEducationStatus.COMPLETED.value,
                course.completed_on,
                False,
                *_relevance(classified),
            )
        )
    completed = row.further_completed_credits - registered.completed_credits - in_courses
    if completed > 0:
        records.append(
            (
                "further",
                COMPLETED_COURSE,
                completed,
                FurtherEducationStatus.COMPLETED.value,
                None,
                True,
                *SUM_RELEVANCE,
            )
        )
    ongoing = row.further_in_progress_credits - registered.ongoing_credits
    if ongoing > 0:
        records.append(
            (
                "further",
                ONGOING_COURSE,
                ongoing,
                FurtherEducationStatus.IN_PROGRESS.value,
                row.further_expected_end,
                True,
                *SUM_RELEVANCE,
            )
        )
    prior = row.prior_experience_months - registered.prior_months
    if prior > 0:
        records.append(("prior", prior, row.prior_experience_from))
    return tuple(sorted(records, key=repr))


def _existing_records(stored: StoredRecords) -> tuple[tuple, ...]:
    """The import-sourced records as stored, in the same tuples as `_register_records`."""
    records = [("education", *e[1:]) for e in stored.educations if e[0] == Source.IMPORT]
    records += [("further", *f[1:]) for f in stored.further if f[0] == Source.IMPORT]
    records += [("prior", *p[1:]) for p in stored.prior if p[0] == Source.IMPORT]
    return tuple(sorted(records, key=repr))


def _build_records(person: Person, records: tuple[tuple, ...]):
    educations, further, prior = [], [], []
    for record in records:
        if record[0] == "education":
            educations.append(
                Education(
                    person_id=person.pk,
                    source=Source.IMPORT,
                    **dict(zip(EDUCATION_VALUES, record[1:], strict=True)),
                )
            )
        elif record[0] == "further":
            values = dict(zip(FURTHER_VALUES, record[1:], strict=True))
            values["credits"] = Decimal(values["credits"])
            further.append(FurtherEducation(person_id=person.pk, source=Source.IMPORT, **values))
        else:
            _, months, employer = record
            prior.append(
                PriorExperience(
                    person_id=person.pk,
                    months=Decimal(months),
                    employer=employer,
                    source=Source.IMPORT,
                )
            )
    return educations, further, prior


def roster_import(
    *, actor, service: Service, table: Table, mapping: Mapping, today: date, apply: bool
) -> ImportReport:
    """Validate a roster and, when `apply` and there are no errors, write it in one transaction."""
    if not access.has_person_access(actor, service):
        raise PermissionDenied(_("Du kan ikke importere ansatte til denne tjenesten."))
    report = ImportReport()
    report.file_problems = mapping_problems(mapping, table.headers)
    if report.file_problems:
        return report
    units = dict(service.units.values_list("name", "pk"))
    validation = validate_table(table, mapping, units=set(units), today=today)
    report.errors = validation.errors
    if report.errors:
        return report
    with transaction.atomic():
        _apply(actor, service, validation.rows, units, report)
        if not apply:
            transaction.set_rollback(True)
            return report
        report.applied = True
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=service,
            service=service,
            summary=_("Importerte ansattliste: %(c)d nye, %(u)d endret, %(n)d uendret"),
            values={"c": report.created, "u": report.updated, "n": report.unchanged},
            changes={
                "rows": len(validation.rows),
                "created": report.created,
                "updated": report.updated,
                "persons": report.changes,
            },
        )
    return report


def _apply(
    actor, service: Service, rows: list[RosterRow], units: dict[str, int], report: ImportReport
) -> None:
    numbers = [row.employee_number for row in rows]
    existing = {
        e.employee_number: e
        for e in Employment.objects.filter(
            service=service, employee_number__in=numbers
        ).select_related("person")
    }
    stored = _stored_records([e.person_id for e in existing.values()])
    new_rows = [row for row in rows if row.employee_number not in existing]
    persons = Person.objects.bulk_create([Person(**_person_values(row)) for row in new_rows])
    hired = Employment.objects.bulk_create(
        [
            Employment(
                person_id=person.pk,
                service=service,
                employee_number=row.employee_number,
                **_employment_values(row, units),
            )
            for person, row in zip(persons, new_rows, strict=True)
        ]
    )
    to_create: tuple[list, list, list] = ([], [], [])
    for person, row in zip(persons, new_rows, strict=True):
        for bucket, built in zip(
            to_create, _build_records(person, _register_records(row)), strict=True
        ):
            bucket.extend(built)
    report.created = len(new_rows)
    report.persons.extend(
        preview.PersonPreview(
            row.employee_number, f"{row.given_name} {row.family_name}", preview.NEW
        )
        for row in new_rows
    )
    unit_names = {pk: name for name, pk in units.items()}
    report.changes.extend(
        {"person": e.person_id, "employment": e.pk, "change": "new"} for e in hired
    )
    for new_employment in hired:
        employee_hired.send(sender=Employment, employment=new_employment, actor=actor)

    # A person who has left the service and works elsewhere (or nowhere) now: the file updates
    # the service's own employment row only, never the person's record (accounts.access).
    editable = set(
        access.persons_editable(actor)
        .filter(pk__in=[e.person_id for e in existing.values()])
        .values_list("pk", flat=True)
    )
    changed_persons, changed_employments, replace_records = [], [], []
    for row in rows:
        employment = existing.get(row.employee_number)
        if employment is None:
            continue
        person = employment.person
        ours = person.pk in editable
        person_changes = {
            k: v for k, v in _person_values(row).items() if ours and getattr(person, k) != v
        }
        employment_changes = {
            k: v for k, v in _employment_values(row, units).items() if getattr(employment, k) != v
        }
        wanted = _register_records(row, Registered.from_stored(stored[person.pk]))
        records_changed = ours and wanted != _existing_records(stored[person.pk])
        shown = preview.PersonPreview(
            row.employee_number, f"{person.given_name} {person.family_name}", preview.UNCHANGED
        )
        shown.fields = preview.field_changes(person, person_changes, unit_names)
        shown.fields += preview.field_changes(employment, employment_changes, unit_names)
        if records_changed:
            shown.fields.append(preview.records_change())
        if shown.fields:
            shown.change = preview.CHANGED
        report.persons.append(shown)
        for key, value in person_changes.items():
            setattr(person, key, value)
        for key, value in employment_changes.items():
            setattr(employment, key, value)
        if person_changes:
            changed_persons.append(person)
        if employment_changes:
            changed_employments.append(employment)
        if records_changed:
            replace_records.append(person.pk)
            for bucket, built in zip(to_create, _build_records(person, wanted), strict=True):
                bucket.extend(built)
        if person_changes or employment_changes or records_changed:
            report.updated += 1
            report.changes.append(
                {
                    "person": person.pk,
                    "employment": employment.pk,
                    "change": "changed",
                    "fields": sorted(
                        [*person_changes, *employment_changes]
                        + (["education_records"] if records_changed else [])
                    ),
                }
            )
        else:
            report.unchanged += 1
    if changed_persons:
        Person.objects.bulk_update(changed_persons, PERSON_FIELDS, batch_size=1000)
    if changed_employments:
        Employment.objects.bulk_update(changed_employments, EMPLOYMENT_FIELDS, batch_size=1000)
    Education.objects.filter(person_id__in=replace_records, source=Source.IMPORT).delete()
    FurtherEducation.objects.filter(person_id__in=replace_records, source=Source.IMPORT).delete()
    PriorExperience.objects.filter(person_id__in=replace_records, source=Source.IMPORT).delete()
    educations, further, prior = to_create
    Education.objects.bulk_create(educations, batch_size=1000)
    FurtherEducation.objects.bulk_create(further, batch_size=1000)
    PriorExperience.objects.bulk_create(prior, batch_size=1000)
    RegisterRevision.bump()  # bulk writes send no signals
