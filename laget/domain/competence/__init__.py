"""The competence requirement engine: rule sets as data, persons as plain values.

- `model`: the values (rule sets, person profiles, results).
- `rules`: the paths to meeting a requirement, as small rule objects, and the rule set.
- `definition`: a rule set from its stored definition (versioned data, not code).
- `engine`: one person at a time, with every shortfall explained.
- `population`: a whole population at once, vectorised with numpy.
"""

from laget.domain.competence.definition import RuleSetError, rule_set_from_dict
from laget.domain.competence.engine import evaluate, facts_for
from laget.domain.competence.model import (
    Education,
    EducationLevel,
    EmploymentPeriod,
    FurtherEducation,
    FurtherEducationStatus,
    PersonProfile,
    Result,
    Shortfall,
    ShortfallKind,
    Status,
)
from laget.domain.competence.rules import RuleSet

__all__ = [
    "Education",
    "EducationLevel",
    "EmploymentPeriod",
    "FurtherEducation",
    "FurtherEducationStatus",
    "PersonProfile",
    "Result",
    "RuleSet",
    "RuleSetError",
    "Shortfall",
    "ShortfallKind",
    "Status",
    "evaluate",
    "facts_for",
    "rule_set_from_dict",
]
