"""Writes for competence plans: permission, change and audit entry in one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from laget.accounts import access
from laget.core.audit import audit_guard_override, audit_record
from laget.core.models import AuditAction
from laget.planning.models import CareerPlan, CompetencePlan, Measure, MeasureKind, Phase


def _check(actor, service) -> None:
    if not access.has_person_access(actor, service):
        raise PermissionDenied(_("Bare tjenestens ledere og HR kan endre kompetanseplanen."))


@transaction.atomic
def plan_create(*, actor, service, year: int) -> CompetencePlan:
    _check(actor, service)
    plan, created = CompetencePlan.objects.get_or_create(
        service=service, year=year, defaults={"created_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=plan,
            service=service,
            summary=_("Opprettet kompetanseplan for %(year)d"),
            values={"year": year},
        )
    return plan


@transaction.atomic
def plan_phase_save(
    *, actor, plan: CompetencePlan, form, phase: str, snapshot: dict | None = None
) -> CompetencePlan:
    """Save one phase's form and move the plan to that phase if it is further on. Saving the
    mapping keeps `snapshot` (today's status counts) for the evaluation to compare with."""
    _check(actor, plan.service)
    plan = form.save(commit=False)
    if phase == "mapping" and snapshot is not None:
        plan.mapping_snapshot = snapshot
    order = ["mapping", "need", "measures", "evaluation"]
    if order.index(phase) > order.index(plan.phase):
        plan.phase = phase
    plan.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=plan,
        service=plan.service,
        summary=_("Oppdaterte kompetanseplanen %(year)d, fase %(phase)s"),
        values={"year": plan.year, "phase": Phase(phase)},
        # the free text is in the plan; the log names the fields that changed
        fields=form.changed_data,
    )
    audit_guard_override(actor=actor, obj=plan, service=plan.service, kinds=form.override_kinds)
    return plan


@transaction.atomic
def measure_add(*, actor, plan: CompetencePlan, form) -> Measure:
    _check(actor, plan.service)
    measure = form.save(commit=False)
    measure.plan = plan
    measure.full_clean(exclude=form.guards)  # the guard's fields: checked, perhaps confirmed
    measure.save()
    if plan.phase in ("mapping", "need"):
        plan.phase = "measures"
        plan.save(update_fields=["phase", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=measure,
        service=plan.service,
        summary=_("La til tiltak i kompetanseplanen %(year)d: %(kind)s"),
        values={"year": plan.year, "kind": MeasureKind(measure.kind)},
    )
    audit_guard_override(actor=actor, obj=measure, service=plan.service, kinds=form.override_kinds)
    return measure


@transaction.atomic
def measure_delete(*, actor, measure: Measure) -> None:
    _check(actor, measure.plan.service)
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=measure,
        service=measure.plan.service,
        summary=_("Slettet tiltak i kompetanseplanen %(year)d: %(kind)s"),
        values={"year": measure.plan.year, "kind": MeasureKind(measure.kind)},
    )
    measure.delete()


@transaction.atomic
def career_plan_save(*, actor, person, year: int, form) -> CareerPlan:
    """Leaders and HR record the career plan agreed with the employee."""
    if not access.can_edit_person(actor, person):
        raise PermissionDenied(_("Bare lederen kan endre karriereplanen."))
    plan = form.save(commit=False)
    plan.person, plan.year, plan.updated_by = person, year, actor
    plan.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=plan,
        service=None,
        summary=_("Lagret karriereplan %(year)d"),
        values={"year": year},
        fields=form.changed_data,
        changes={"person": person},
    )
    audit_guard_override(actor=actor, obj=plan, kinds=form.override_kinds)
    return plan
