"""The names of the competence publication's cells (`unit|metric`) and its constants."""

from __future__ import annotations

from datetime import date

from laget.domain.competence import RuleSet, Status, recoding
from laget.domain.role_groups import RoleGroup
from laget.domain.workforce import AGE_BANDS
from laget.people.models import RoleCategory

#: The stored counts and the publication built from them.
NAME = "competence"

#: The statuses of those the requirement covers, in table order.
COVERED = list(recoding.COVERED)

#: Shares are published as whole percent: two decimals of the fraction.
SHARE_DECIMALS = 2

#: Kept for every date (the last of each month) as published, for time series.
SERIES_METRICS = ("subject", "status.meets", "status.meets.share")

#: Those covered whose formal education is in place today (a relevant master, or a relevant
#: bachelor with the further education), experience aside: what the 2022 mapping's figure
#: 3-2 counted (58 %), shown beside «oppfyller kravet»; and the rest (never published).
EDUCATION_IN_PLACE = "education.in_place"

EDUCATION_MISSING = "education.missing"

STATUS_METRICS = [
    "staff",
    "subject",
    "not_subject",
    *(f"status.{s.key}" for s in COVERED),
    EDUCATION_IN_PLACE,
    EDUCATION_MISSING,
]


def status(s: Status) -> str:
    return f"status.{s.key}"


def role(role_category: str, s: Status) -> str:
    return f"role.{role_category}.{s.key}"


def path(index: int, s: Status) -> str:
    return f"path.{index}.{s.key}"


def timeline(day: date) -> str:
    return f"timeline.{day.isoformat()}"


def staff_role(role_category: str) -> str:
    """Staff by role (everyone, covered or not)."""
    return f"staff_role.{role_category}"


def staff_role_group(group: RoleGroup) -> str:
    """Staff in a group of roles (`laget.domain.role_groups`): a role on its own is its
    `staff_role`, a merged group a cell of its own (the sum of its roles)."""
    if len(group.roles) == 1:
        return staff_role(group.roles[0])
    return f"staff_roles.{group.key}"


def not_subject_role(role_category: str) -> str:
    """Those the requirement does not cover, by role: never published, but the difference
    between staff by role and the covered by role."""
    return f"not_subject_role.{role_category}"


def age(band: int) -> str:
    """Staff by age band (`laget.domain.workforce.AGE_BANDS`, by index)."""
    return f"age.{band}"


def age_band(birth_year: int | None, on: date) -> int:
    """The age band index on `on`, as the workforce metrics count it (the last: unknown)."""
    if not birth_year:
        return len(AGE_BANDS) - 1
    return min(max((on.year - birth_year - 20) // 10, 0), 4)


def service_unit(service_id: int) -> str:
    return f"service:{service_id}"


#: the unit of a set of services with one newer than the stored figures (`unit_for`)
NOT_COMPUTED = "not-computed"

#: the persons the band of «oppfyller eller vil oppfylle» can hold, from and to
BAND_LOW, BAND_HIGH = "band.low", "band.high"

#: the fewest and the most covered staff a unit's form is used for (`_limits`)
FORM_LEAST, FORM_MOST = "form.least", "form.most"


def detail_metrics(rules: RuleSet, days: list[date]) -> list[str]:
    metrics = [role(r, s) for r in RoleCategory.values for s in COVERED]
    metrics += [
        path(i, s) for i in range(len(rules.paths)) for s in (Status.MEETS, Status.WILL_MEET)
    ]
    metrics += [staff_role(r) for r in RoleCategory.values]
    metrics += [not_subject_role(r) for r in RoleCategory.values]
    metrics += [age(i) for i in range(len(AGE_BANDS))]
    return metrics + [timeline(d) for d in days]


def unit_of(key: str) -> str:
    return key.rpartition("|")[0]
