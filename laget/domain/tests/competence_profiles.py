"""Rule sets and person profiles the competence engine's tests share."""

import json
from datetime import date
from pathlib import Path

from laget.domain.competence import (
    Education,
    EducationLevel,
    EmploymentPeriod,
    FurtherEducation,
    FurtherEducationStatus,
    PersonProfile,
    rule_set_from_dict,
)

RULES_FILE = (
    Path(__file__).resolve().parents[2] / "competence" / "rulesets" / "kompetansekrav-2031-v1.json"
)
DEFINITION = json.loads(RULES_FILE.read_text(encoding="utf-8"))
RULES = rule_set_from_dict(DEFINITION)
#: the other reading of «30 studiepoeng videreutdanning»: credits summed over courses
RULES_SUMMED = rule_set_from_dict({**DEFINITION, "credits_counting": "total"})
TODAY = date(2026, 11, 23)
DEADLINE = date(2031, 1, 1)

BACHELOR = Education(EducationLevel.BACHELOR, relevant=True, completed_on=date(2012, 6, 15))
MASTER = Education(EducationLevel.MASTER, relevant=True, completed_on=date(2016, 6, 15))
LONG_SERVICE = (EmploymentPeriod(date(2015, 1, 1), None, 1.0),)


def fe(credits, status=FurtherEducationStatus.COMPLETED, ends_on=date(2021, 6, 1), relevant=True):
    return FurtherEducation(credits, relevant, FurtherEducationStatus(status), ends_on)


def person(role="core", educations=(BACHELOR,), further=(), employments=LONG_SERVICE, prior=0.0):
    return PersonProfile(role, tuple(educations), tuple(further), tuple(employments), prior)


def kinds(result):
    return [s.kind for s in result.shortfalls]
