"""Values the competence engine takes and returns. No Django, no clock, no settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum


class EducationLevel(IntEnum):
    """Ordered: a higher level satisfies a requirement for a lower one."""

    NONE = 0
    UPPER_SECONDARY = 1
    VOCATIONAL = 2
    BACHELOR = 3
    MASTER = 4
    PHD = 5


class FurtherEducationStatus(StrEnum):
    APPLIED = "applied"
    WAITLISTED = "waitlisted"
    ADMITTED = "admitted"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"


#: Further education that is secured (a place is held) or done.
SECURED = frozenset({FurtherEducationStatus.ADMITTED, FurtherEducationStatus.IN_PROGRESS})
#: Further education applied for but without a place yet.
PENDING = frozenset({FurtherEducationStatus.APPLIED, FurtherEducationStatus.WAITLISTED})


class Status(IntEnum):
    """A person's standing against a requirement. Higher is better; NOT_SUBJECT and EXEMPT
    stand apart: an exempted person is covered but is not said to meet it."""

    CANNOT_MEET = 0
    AT_RISK = 1
    WILL_MEET = 2
    MEETS = 3
    NOT_SUBJECT = 4
    #: covered, under an exemption granted to the municipality (its own status, never MEETS)
    EXEMPT = 5
    #: «må sjekkes»: what is registered cannot be counted until it is checked (credits known
    #: only as a sum, an education nobody has judged relevant or not), and checking it could
    #: give a better status; `Result.status_counted` and `status_if_confirmed` say which
    NEEDS_CHECK = 6

    @property
    def key(self) -> str:
        return self.name.lower()


class ShortfallKind(StrEnum):
    MASTER = "master"
    BACHELOR = "bachelor"
    PREREQUISITE = "prerequisite"  # a degree in any field that the required degree builds on
    CREDITS = "credits"
    EXPERIENCE = "experience"
    PATH_CLOSED = "path_closed"
    CREDITS_NOT_SECURED = "credits_not_secured"
    #: «må sjekkes»: credits known only as a sum, which the one-course reading cannot count
    CREDITS_TO_CHECK = "credits_to_check"
    #: «må sjekkes»: an education or a further education nobody has judged relevant or not
    #: (a name not on the list of relevant education, from a file that did not say)
    NOT_ASSESSED = "not_assessed"


@dataclass(frozen=True)
class Reading:
    """One reading the rule set takes of the Act where its words leave a choice: what the Act
    says, what Laget counts, under a name shown wherever a status is shown."""

    key: str
    label: str
    reading: str
    act_text: str


@dataclass(frozen=True)
class Education:
    level: EducationLevel
    relevant: bool
    completed_on: date | None = None  # None while in progress
    expected_on: date | None = None  # expected completion while in progress
    #: False: nobody has judged whether it is relevant (it counts as not relevant until then)
    assessed: bool = True
    #: what it is called (for the explanation of what must be checked)
    name: str = ""

    def done_by(self, day: date) -> bool:
        return self.completed_on is not None and self.completed_on <= day


@dataclass(frozen=True)
class FurtherEducation:
    credits: float
    relevant: bool
    status: FurtherEducationStatus
    ends_on: date | None = None  # completion date, actual or expected
    #: a sum of credits from a file, the courses behind it unknown: it cannot be counted as
    #: one course (the one-course reading), so it must be checked
    is_sum: bool = False
    #: False: nobody has judged whether it is relevant (it counts as not relevant until then)
    assessed: bool = True
    name: str = ""


@dataclass(frozen=True)
class EmploymentPeriod:
    """Child welfare work: start and last day (None: continuing), at an FTE fraction 0–1."""

    start: date
    end: date | None
    fte: float


@dataclass(frozen=True)
class PersonProfile:
    role_category: str
    educations: tuple[Education, ...] = ()
    further_educations: tuple[FurtherEducation, ...] = ()
    employments: tuple[EmploymentPeriod, ...] = ()
    prior_experience_months: float = 0.0
    person_id: int | None = None
    #: the roles the person's service has brought under the requirement beyond the rule set's
    #: own (of the rule set's optional roles: `RuleSet.optional_roles`)
    extra_roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Shortfall:
    """One missing piece: what, how much, and by when."""

    kind: ShortfallKind
    complete_by: date
    amount: float | None = None  # credits or months
    start_by: date | None = None  # the latest start that still finishes in time
    closed_from: date | None = None  # for PATH_CLOSED: hires from this date
    #: for CREDITS_TO_CHECK: the credits one course must have; for NOT_ASSESSED: what
    course_credits: float | None = None
    what: str = ""


@dataclass(frozen=True)
class PathResult:
    key: str
    label: str
    met_now: bool
    met_by_deadline: bool  # if current, secured plans hold
    reachable: bool  # could still be met with action not yet secured
    met_on: date | None  # when it is (or will be, if plans hold) met
    shortfalls: tuple[Shortfall, ...]

    @property
    def status(self) -> Status:
        if self.met_now:
            return Status.MEETS
        if self.met_by_deadline:
            return Status.WILL_MEET
        if self.reachable:
            return Status.AT_RISK
        return Status.CANNOT_MEET


@dataclass(frozen=True)
class Result:
    status: Status
    path: str | None  # the path used or closest; None when not subject
    path_label: str | None
    shortfalls: tuple[Shortfall, ...]
    rule_set: str  # which rule set and version produced this
    experience_months_now: float
    experience_months_at_deadline: float
    met_on: date | None
    paths: tuple[PathResult, ...] = field(default=())
    #: the text the rule set follows and where it stands (under revision?)
    rule_set_note: str = ""
    #: how further education was counted, and completed credits from courses too short to count
    credits_rule: str = ""
    credits_not_counted: float = 0.0
    #: the formal education of a path is done today (a relevant master, or a relevant bachelor
    #: with the further education), experience aside: what the 2022 mapping counted
    education_in_place: bool = False
    #: under an exemption until this day (status EXEMPT); `status_without_exemption` is what
    #: the rules give, and the shortfalls stay those of that status
    exempt_until: date | None = None
    status_without_exemption: Status | None = None
    #: the paragraph of the Act the rule set follows and its readings where the words leave a
    #: choice, shown beside every status
    legal_paragraph: str = ""
    readings: tuple[Reading, ...] = ()
    #: for NEEDS_CHECK: the status counting only what is checked, and the status if what
    #: must be checked holds (a sum is one course, an education not judged is relevant)
    status_counted: Status | None = None
    status_if_confirmed: Status | None = None
