"""The national capacity model: the arithmetic of section 3.5 of *Kartlegging av
kompetansebehov i kommunalt barnevern* (Oslo Economics et al. for Bufdir, 2022), as a function
of a scenario, so its assumptions can be varied.

With the report's inputs (6,400 staff, 1,000 with a master, half of the bachelors with further
education, 250 completions a year of which half already qualified, 20 % turnover, 300 master
graduates a year, 2023 to 2031) it gives 5,400 / 2,700 / 8 / 2,000 / 1,000 / 1,700 / 1,280 /
300 / 980.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

INPUT_KEYS = (
    "staff_subject_to_requirement",
    "staff_with_master",
    "share_of_bachelors_with_further_education",
    "further_education_completions_per_year",
    "share_of_completions_already_qualified",
    "annual_turnover",
    "master_graduates_per_year",
    "first_year",
    "deadline",
)


class ScenarioError(ValueError):
    """A scenario that cannot be computed; `problems` lists every fault."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Scenario:
    staff_subject_to_requirement: int
    staff_with_master: int
    share_of_bachelors_with_further_education: float
    further_education_completions_per_year: int
    share_of_completions_already_qualified: float
    annual_turnover: float
    master_graduates_per_year: int
    first_year: int
    deadline: date


@dataclass(frozen=True)
class CapacityResult:
    bachelor_or_less: int
    non_compliant_now: int
    years_until_deadline: int
    completions_until_deadline: int
    non_compliant_covered_by_further_education: int
    remaining_non_compliant: int
    leavers_per_year: int
    master_graduates_per_year: int
    annual_master_shortfall: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _whole(value: float) -> int:
    """Round half up, as people do (Python's round() rounds half to even)."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def capacity(s: Scenario) -> CapacityResult:
    bachelor_or_less = s.staff_subject_to_requirement - s.staff_with_master
    non_compliant = bachelor_or_less * (1 - s.share_of_bachelors_with_further_education)
    # Completions from the first year up to the year before the deadline (2023–2030: 8 years).
    years = max(0, s.deadline.year - s.first_year)
    completions = s.further_education_completions_per_year * years
    covered = min(non_compliant, completions * (1 - s.share_of_completions_already_qualified))
    leavers = s.staff_subject_to_requirement * s.annual_turnover
    return CapacityResult(
        bachelor_or_less=bachelor_or_less,
        non_compliant_now=_whole(non_compliant),
        years_until_deadline=years,
        completions_until_deadline=completions,
        non_compliant_covered_by_further_education=_whole(covered),
        remaining_non_compliant=_whole(non_compliant - covered),
        leavers_per_year=_whole(leavers),
        master_graduates_per_year=s.master_graduates_per_year,
        annual_master_shortfall=_whole(max(0.0, leavers - s.master_graduates_per_year)),
    )


def _count(
    data: Mapping[str, Any], key: str, problems: list[str], *, maximum: int = 1_000_000
) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        problems.append(f"{key}: må være et helt tall, fikk {value!r}")
        return 0
    if not 0 <= value <= maximum:
        problems.append(
            f"{key}: må være mellom 0 og {maximum:,}".replace(",", " ") + f", fikk {value!r}"
        )
        return 0
    return int(value)


def _share(data: Mapping[str, Any], key: str, problems: list[str]) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(
            f"{key}: må være en andel mellom 0 og 1 (f.eks. 0.2 for 20 %), fikk {value!r}"
        )
        return 0.0
    if not 0 <= value <= 1:
        hint = " (skriv 20 % som 0.2)" if 1 < value <= 100 else ""
        problems.append(f"{key}: må være mellom 0 og 1{hint}, fikk {value!r}")
        return 0.0
    return float(value)


def scenario_from_dict(data: Any) -> Scenario:
    """Validate a scenario (e.g. from a JSON file) and report every fault at once."""
    if not isinstance(data, Mapping):
        raise ScenarioError(
            ["scenarioet må være et JSON-objekt med nøklene " + ", ".join(INPUT_KEYS)]
        )
    problems: list[str] = []
    missing = [key for key in INPUT_KEYS if key not in data]
    if missing:
        problems.append("mangler: " + ", ".join(missing))
    unknown = sorted(set(data) - set(INPUT_KEYS))
    if unknown:
        problems.append("ukjente nøkler: " + ", ".join(unknown))
    if missing:
        raise ScenarioError(problems)
    staff = _count(data, "staff_subject_to_requirement", problems)
    masters = _count(data, "staff_with_master", problems)
    if masters > staff:
        problems.append("staff_with_master: kan ikke være flere enn staff_subject_to_requirement")
    first_year = _count(data, "first_year", problems, maximum=2100)
    if first_year and first_year < 2000:
        problems.append(f"first_year: må være et årstall fra 2000, fikk {first_year}")
    deadline = None
    try:
        deadline = date.fromisoformat(str(data["deadline"]))
    except ValueError:
        problems.append(
            f"deadline: må være en dato på formen ÅÅÅÅ-MM-DD, fikk {data['deadline']!r}"
        )
    if deadline and first_year and deadline.year < first_year:
        problems.append("deadline: kan ikke være før first_year")
    scenario = Scenario(
        staff_subject_to_requirement=staff,
        staff_with_master=masters,
        share_of_bachelors_with_further_education=_share(
            data, "share_of_bachelors_with_further_education", problems
        ),
        further_education_completions_per_year=_count(
            data, "further_education_completions_per_year", problems
        ),
        share_of_completions_already_qualified=_share(
            data, "share_of_completions_already_qualified", problems
        ),
        annual_turnover=_share(data, "annual_turnover", problems),
        master_graduates_per_year=_count(data, "master_graduates_per_year", problems),
        first_year=first_year,
        deadline=deadline or date(2031, 1, 1),
    )
    if problems:
        raise ScenarioError(problems)
    return scenario


#: The inputs of the 2022 mapping, section 3.5.
REPORT_2022 = {
    "staff_subject_to_requirement": 6400,
    "staff_with_master": 1000,
    "share_of_bachelors_with_further_education": 0.5,
    "further_education_completions_per_year": 250,
    "share_of_completions_already_qualified": 0.5,
    "annual_turnover": 0.20,
    "master_graduates_per_year": 300,
    "first_year": 2023,
    "deadline": "2031-01-01",
}
