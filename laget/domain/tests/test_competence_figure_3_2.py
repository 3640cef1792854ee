"""Reproduce figure 3-2 of the 2022 competence-needs mapping (Oslo Economics et al. for Bufdir).

29 municipalities, N = 1,375: 1 % no relevant education, 41 % a bachelor without relevant
further education, 43 % a bachelor with it, 15 % a master; "litt over halvparten" meet the
requirement. With everyone having at least four years of experience, the engine must give 58 %.
"""

from datetime import date

from laget.domain.competence import (
    Education,
    EducationLevel,
    EmploymentPeriod,
    FurtherEducation,
    FurtherEducationStatus,
    PersonProfile,
    Status,
)
from laget.domain.competence.population import evaluate_population, population_facts
from laget.domain.tests.test_competence_engine import RULES

SEPTEMBER_2022 = date(2022, 9, 1)
FOUR_YEARS_AGO = EmploymentPeriod(date(2018, 1, 1), None, 1.0)


def _group(count, educations, further=()):
    return [PersonProfile("core", educations, further, (FOUR_YEARS_AGO,)) for _ in range(count)]


def test_figure_3_2_gives_58_percent_meeting_the_requirement():
    n = 1375
    bachelor = (Education(EducationLevel.BACHELOR, True, date(2010, 6, 1)),)
    master = (Education(EducationLevel.MASTER, True, date(2014, 6, 1)),)
    further = (FurtherEducation(30, True, FurtherEducationStatus.COMPLETED, date(2020, 6, 1)),)
    none = (Education(EducationLevel.UPPER_SECONDARY, False, date(2000, 6, 1)),)
    counts = {
        key: round(n * share)
        for key, share in {"none": 0.01, "b": 0.41, "bf": 0.43, "m": 0.15}.items()
    }
    counts["b"] += n - sum(counts.values())  # rounding remainder
    population = (
        _group(counts["none"], none)
        + _group(counts["b"], bachelor)
        + _group(counts["bf"], bachelor, further)
        + _group(counts["m"], master)
    )
    assert len(population) == n
    result = evaluate_population(
        population_facts(population, RULES, SEPTEMBER_2022), RULES, SEPTEMBER_2022
    )
    meets = result.counts()[Status.MEETS]
    assert round(100 * meets / n) == 58
