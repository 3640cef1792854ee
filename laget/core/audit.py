"""Writing to the audit log. Services call this inside their transaction."""

from typing import Any

from django.db import models

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


def field_changes(instance: models.Model, new_values: dict[str, Any]) -> dict[str, list[str]]:
    """{field: [old, new]} for the values that differ, as strings fit for JSON."""
    changed = {}
    for field, new in new_values.items():
        old = getattr(instance, field)
        if old != new:
            changed[field] = [str(old), str(new)]
    return changed
