"""The further-education pipeline of a service: who still needs a place, in which order, how
many semesters are left, and whether too many would be away at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from laget.competence.exemptions import exempt_until
from laget.competence.profiles import profile_for, rule_set_in_force
from laget.competence.selectors import current_staff
from laget.competence.text import STATUS_LABELS, shortfall_text
from laget.domain.competence import Result, ShortfallKind, Status, evaluate
from laget.domain.competence.engine import exempted
from laget.organisations.models import Service
from laget.organisations.selectors import has_words
from laget.people.models import FurtherEducation, FurtherEducationStatus, Person
from laget.planning.models import Measure, MeasureKind

SECURED = (FurtherEducationStatus.ADMITTED, FurtherEducationStatus.IN_PROGRESS)
PENDING = (FurtherEducationStatus.APPLIED, FurtherEducationStatus.WAITLISTED)
CREDIT_GAPS = {ShortfallKind.CREDITS, ShortfallKind.CREDITS_NOT_SECURED}


@dataclass(frozen=True)
class Semester:
    year: int
    autumn: bool

    @property
    def code(self) -> str:
        return f"{'H' if self.autumn else 'V'}{self.year}"

    @property
    def start(self) -> date:
        return date(self.year, 7 if self.autumn else 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31) if self.autumn else date(self.year, 6, 30)


def semesters_left(today: date, deadline: date) -> list[Semester]:
    """Semesters that start after today and end before the deadline."""
    found = []
    for year in range(today.year, deadline.year + 1):
        for autumn in (False, True):
            semester = Semester(year, autumn)
            if semester.start > today and semester.end < deadline:
                found.append(semester)
    return found


@dataclass
class PipelineRow:
    person: Person
    result: Result
    status_label: str
    missing: list[str]
    secured: list[FurtherEducation] = field(default_factory=list)
    pending: list[FurtherEducation] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    priority: int = 9
    reason: str = ""


@dataclass(frozen=True)
class SemesterLoad:
    semester: Semester
    away: int
    share: float
    over_limit: bool


@dataclass(frozen=True)
class Pipeline:
    service: Service
    semesters_left: int
    rows: list[PipelineRow]
    loads: list[SemesterLoad]
    limit: int


def _priority(row: PipelineRow) -> tuple[int, str]:
    status = row.result.status
    if status is Status.MEETS:
        return 4, _("Oppfyller allerede kravet; bør ikke gå foran dem som ikke gjør det.")
    if row.secured or any(
        m.kind in (MeasureKind.FURTHER_EDUCATION, MeasureKind.MASTER) for m in row.measures
    ):
        return 3, _("Har plass eller tiltak i planen.")
    if status is Status.NEEDS_CHECK:
        return 2, _(
            "Det som er registrert, må sjekkes først (se hva som mangler): kanskje trengs "
            "ingen videreutdanning."
        )
    kinds = {s.kind for s in row.result.shortfalls}
    if row.result.path == "transition" and kinds and kinds <= CREDIT_GAPS:
        return 1, _("Oppfyller ikke kravet, og videreutdanning er det eneste som mangler.")
    if status is Status.CANNOT_MEET:
        return 2, _("Kan ikke oppfylle kravet innen fristen med videreutdanning alene.")
    return 2, _("Oppfyller ikke kravet; trenger mer enn videreutdanning (se hva som mangler).")


def _away(item_start: date, item_end: date, semester: Semester) -> bool:
    return item_start <= semester.end and item_end >= semester.start


def service_pipeline(*, service: Service, today: date) -> Pipeline:
    """For leaders and HR (the caller checks person access)."""
    _record, rules = rule_set_in_force(today)
    staff = current_staff([service.pk], today)
    ids = [p.pk for p, _e in staff]
    studies = list(
        FurtherEducation.objects.filter(
            person_id__in=ids, relevant=True, status__in=[*SECURED, *PENDING]
        )
    )
    measures = list(
        Measure.objects.filter(plan__service=service, plan__year__gte=today.year, person_id__in=ids)
    )
    # by person, once: scanning every study for every person was quadratic (a service of
    # 5,000 staff took seconds; issue 28, item 8)
    studies_of: dict[int, list[FurtherEducation]] = defaultdict(list)
    for study in studies:
        studies_of[study.person_id].append(study)
    measures_of: dict[int | None, list[Measure]] = defaultdict(list)
    for measure in measures:
        measures_of[measure.person_id].append(measure)
    rows = []
    until = exempt_until([service.pk], today)
    for person, employment in staff:
        profile = profile_for(person, employment.role_category, extra_roles=service.extra_roles)
        result = evaluate(profile, rules, today)
        if person.pk in until:
            result = exempted(result, until[person.pk])
        if result.status is Status.NOT_SUBJECT:
            continue
        row = PipelineRow(
            person,
            result,
            str(STATUS_LABELS[result.status]),
            [
                shortfall_text(s, reachable=result.status is not Status.CANNOT_MEET)
                for s in result.shortfalls
            ],
        )
        own = studies_of.get(person.pk, [])
        row.secured = [s for s in own if s.status in SECURED]
        row.pending = sorted(
            (s for s in own if s.status in PENDING), key=lambda s: s.waitlist_position or 999
        )
        row.measures = measures_of.get(person.pk, [])
        if result.status is Status.MEETS and not row.pending:
            continue
        row.priority, row.reason = _priority(row)
        rows.append(row)
    rows.sort(
        key=lambda r: (
            r.priority,
            min((s.start_by for s in r.result.shortfalls if s.start_by), default=date.max),
            r.person.family_name,
        )
    )

    left = semesters_left(today, rules.deadline)
    headcount = len(staff)
    loads = []
    for semester in left:
        away = {
            s.person_id
            for s in studies
            if s.ends_on
            and _away(s.starts_on or s.ends_on - timedelta(days=365), s.ends_on, semester)
        }
        away |= {
            m.person_id
            for m in measures
            if m.person_id is not None
            and m.kind in (MeasureKind.FURTHER_EDUCATION, MeasureKind.MASTER)
            and (
                m.semester == semester.code
                or (m.ends_on and _away(m.ends_on - timedelta(days=365), m.ends_on, semester))
            )
        }
        share = 100 * len(away) / headcount if headcount else 0.0
        loads.append(SemesterLoad(semester, len(away), share, share > service.max_share_on_studies))
    return Pipeline(service, len(left), rows, loads, service.max_share_on_studies)


def pipeline_narrowed(
    rows: list[PipelineRow], *, name: str = "", status: str = "", not_applied: bool = False
) -> list[tuple[int, PipelineRow]]:
    """The rows with their number in the priority order, narrowed to words of the name, a
    status (its key) and those with no application, place or measure, when asked."""
    return [
        (number, row)
        for number, row in enumerate(rows, start=1)
        if has_words(row.person.full_name, name)
        and (not status or row.result.status.key == status)
        and not (not_applied and (row.secured or row.pending or row.measures))
    ]
