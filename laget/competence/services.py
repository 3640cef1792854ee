"""Writes for the competence app."""

import json
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from laget.accounts import access
from laget.competence.models import CompetenceRuleSet, Exemption
from laget.core.audit import audit_guard_override, audit_record
from laget.core.models import AuditAction
from laget.organisations.models import Service

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


def _check(actor, service: Service) -> None:
    if not access.has_person_access(actor, service):
        raise PermissionDenied(_("Bare tjenestens ledere og HR kan endre dette."))


@transaction.atomic
def scope_set(*, actor, service: Service, roles: list[str]) -> Service:
    """Record which of the rule set's optional roles the requirement covers in the service
    (the figures are counted again: a service is part of the register)."""
    _check(actor, service)
    before = sorted(service.requirement_extra_roles or [])
    service.requirement_extra_roles = sorted(set(roles))
    service.save(update_fields=["requirement_extra_roles"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=service,
        service=service,
        summary=_("Endret hvem kompetansekravet regnes for"),
        changes={"requirement_extra_roles": [before, service.requirement_extra_roles]},
    )
    return service


@transaction.atomic
def exemption_add(*, actor, service: Service, form) -> Exemption:
    _check(actor, service)
    exemption = form.save(commit=False)
    exemption.service = service
    exemption.created_by = actor
    exemption.full_clean(exclude=form.guards)  # the guard's fields: checked, perhaps confirmed
    exemption.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=exemption,
        service=service,
        summary=_("Registrerte unntak fra kompetansekravet"),
        changes={"person": exemption.person_id, "valid_until": exemption.valid_until},
    )
    audit_guard_override(actor=actor, obj=exemption, service=service, kinds=form.override_kinds)
    return exemption


@transaction.atomic
def exemption_delete(*, actor, exemption: Exemption) -> None:
    _check(actor, exemption.service)
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=exemption,
        service=exemption.service,
        summary=_("Slettet unntak fra kompetansekravet"),
        changes={"person": exemption.person_id, "valid_until": exemption.valid_until},
    )
    exemption.delete()
