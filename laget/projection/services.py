"""Writes for the projection: a service's own goal, with permission and audit entry."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.accounts import access
from laget.core.audit import audit_record
from laget.core.models import AuditAction
from laget.organisations.models import Service
from laget.projection.models import ServiceGoal


@transaction.atomic
def service_goal_set(*, actor, service: Service, percent: int | None) -> ServiceGoal | None:
    """Set (or, with None, remove) the service's own goal for the share meeting the
    requirement at the deadline: recorded with who set it and when."""
    if not access.has_person_access(actor, service):
        raise PermissionDenied(_("Bare tjenestens ledere og HR kan sette tjenestens eget mål."))
    if percent is None:
        ServiceGoal.objects.filter(service=service).delete()
        return None
    if not 1 <= percent <= 100:
        raise ValueError("percent: 1–100")
    goal, _created = ServiceGoal.objects.update_or_create(
        service=service,
        defaults={"percent": percent, "set_by": actor, "set_at": timezone.now()},
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=goal,
        service=service,
        summary=_("Satte tjenestens eget mål for kompetansekravet til %(p)d %%"),
        values={"p": percent},
    )
    return goal
