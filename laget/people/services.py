"""Writes for persons. Every change is permission-checked and audited in one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from laget.accounts import access
from laget.core.audit import audit_record, field_changes
from laget.core.models import AuditAction
from laget.people.models import Person

EDITABLE_FIELDS = ("given_name", "family_name", "email", "birth_year")


@transaction.atomic
def person_update(
    *, actor, person: Person, given_name: str, family_name: str, email: str, birth_year: int | None
) -> Person:
    """Update a person's basic details; only the service's leaders/HR and admins may."""
    if not access.can_edit_person(actor, person):
        raise PermissionDenied(_("Du kan ikke endre denne personen."))
    new_values = {
        "given_name": given_name.strip(),
        "family_name": family_name.strip(),
        "email": email.strip(),
        "birth_year": birth_year,
    }
    changes = field_changes(person, new_values)
    if not changes:
        return person
    for field, value in new_values.items():
        setattr(person, field, value)
    person.full_clean()
    person.save(update_fields=[*changes])
    services = (
        access.services_with_person_access(actor).filter(employments__person=person).distinct()
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        summary=_("Endret personopplysninger for %(name)s") % {"name": person.full_name},
        obj=person,
        service=services.first(),
        changes=changes,
    )
    return person
