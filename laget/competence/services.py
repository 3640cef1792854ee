"""Writes for the competence app."""

import json
from pathlib import Path

from laget.competence.models import CompetenceRuleSet

RULE_SETS = Path(__file__).resolve().parent / "rulesets"


def bundled_rule_sets_load(*, model: type[CompetenceRuleSet] = CompetenceRuleSet) -> int:
    """Register the rule sets shipped in rulesets/ that are missing (never changes existing
    versions). The data migration passes its historical model."""
    created = 0
    for path in sorted(RULE_SETS.glob("*.json")):
        definition = json.loads(path.read_text(encoding="utf-8"))
        _, was_created = model.objects.get_or_create(
            name=definition["name"],
            version=definition["version"],
            defaults={
                "valid_from": definition["valid_from"],
                "deadline": definition["deadline"],
                "definition": definition,
            },
        )
        created += was_created
    return created
