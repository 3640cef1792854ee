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


#: Keys a shipped version may gain after it was registered: what text it follows and where
#: that text stands, never its rules.
NOTES = ("source_date", "status_note")


def bundled_rule_set_keys_add(
    *, keys: tuple[str, ...] = NOTES, model: type[CompetenceRuleSet] = CompetenceRuleSet
) -> int:
    """Give registered versions the `keys` their shipped file has and they lack (a value
    already stored is kept). Returns how many versions changed."""
    changed = 0
    for path in sorted(RULE_SETS.glob("*.json")):
        shipped = json.loads(path.read_text(encoding="utf-8"))
        record = model.objects.filter(name=shipped["name"], version=shipped["version"]).first()
        if record is None:
            continue
        missing = {k: shipped[k] for k in keys if k in shipped and k not in record.definition}
        if missing:
            record.definition = {**record.definition, **missing}
            record.save(update_fields=["definition"])
            changed += 1
    return changed
