"""Writing to the audit log. Services call this inside their transaction."""

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from laget.core.models import AuditAction, AuditEntry


def audit_record(
    *,
    actor,
    action: AuditAction,
    summary: str,
    obj: models.Model | None = None,
    service=None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        service=service,
        summary=summary[:300],
        changes=changes or {},
    )


def audit_guard_override(
    *, actor, obj: models.Model, service=None, kinds: Sequence[str]
) -> AuditEntry | None:
    """The writer saved text the case-information guard warned about, having confirmed that it
    holds no case information: who, on what, and the kinds of warning («fnr», «name»), never
    the text. Nothing is written when nothing was overridden (`kinds` empty)."""
    if not kinds:
        return None
    return audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=obj,
        service=service,
        summary=_("Lagret tekst etter advarsel om mulige saksopplysninger, bekreftet av brukeren"),
        changes={"case_guard_override": sorted(set(kinds))},
    )


def field_changes(instance: models.Model, new_values: dict[str, Any]) -> dict[str, list[str]]:
    """{field: [old, new]} for the values that differ, as strings fit for JSON."""
    changed = {}
    for field, new in new_values.items():
        old = getattr(instance, field)
        if old != new:
            changed[field] = [str(old), str(new)]
    return changed
