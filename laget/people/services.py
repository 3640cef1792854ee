"""Writes for persons. Every change is permission-checked and audited in one transaction."""

import copy
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.accounts import access
from laget.core.audit import audit_guard_override, audit_record, changed_fields, field_values
from laget.core.models import AuditAction
from laget.people.models import (
    ChangeProposal,
    Education,
    Employment,
    FurtherEducation,
    Person,
    ProposalKind,
    ProposalStatus,
    RelevanceBasis,
    Source,
)
from laget.people.signals import employee_hired

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
    changed = changed_fields(person, new_values)
    if not changed:
        return person
    before = copy.copy(person)
    for field, value in new_values.items():
        setattr(person, field, value)
    person.full_clean()
    person.save(update_fields=changed)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        summary=_("Endret personopplysninger"),
        obj=person,
        service=_service_of(actor, person),
        fields=changed,
        before=before,
    )
    return person


@transaction.atomic
def record_add(*, actor, person: Person, form) -> object:
    """Add an education, further education or prior-experience record from a valid form."""
    if not access.can_edit_person(actor, person):
        raise PermissionDenied(_("Du kan ikke endre denne personen."))
    record = form.save(commit=False)
    record.person = person
    record.source = Source.MANUAL
    _classify(record)
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        summary=_("La til %(what)s"),
        values={"what": type(record)},
        obj=record,
        service=_service_of(actor, person),
        changes={"person": person, **field_values(record, form.cleaned_data)},
    )
    return record


def _classify(record) -> None:
    """An education or further education classified by the list of relevant education: on
    it, relevant as the list says; else relevant as the form says (the leader's judgement, or
    the employee's that a leader approves)."""
    from laget.competence import relevance

    if isinstance(record, Education):
        relevance.classification_apply(
            record, relevance.education_classified(record.level, record.field, record.relevant)
        )
    elif isinstance(record, FurtherEducation):
        relevance.classification_apply(
            record, relevance.further_classified(record.course, record.relevant)
        )


@transaction.atomic
def record_assess(*, actor, person: Person, record, relevant: bool) -> None:
    """The leader decides whether an education nobody had judged (a name not on the list, from
    a file that did not say) is relevant. The record is then the service's own: a later file
    does not replace it (an import leaves what is registered in Laget alone)."""
    if not access.can_edit_person(actor, person) or record.person_id != person.pk:
        raise PermissionDenied(_("Du kan ikke endre denne personen."))
    before = copy.copy(record)
    record.relevant, record.relevance_basis = relevant, RelevanceBasis.ASSESSED
    record.relevance_entry = ""
    record.source = Source.MANUAL
    record.save(update_fields=["relevant", "relevance_basis", "relevance_entry", "source"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        summary=_("Vurderte om %(what)s er relevant"),
        values={"what": type(record)},
        obj=record,
        service=_service_of(actor, person),
        fields=["relevant", "relevance_basis", "source"],
        before=before,
        changes={"person": person},
    )


@transaction.atomic
def record_delete(*, actor, person: Person, record) -> None:
    if not access.can_edit_person(actor, person) or record.person_id != person.pk:
        raise PermissionDenied(_("Du kan ikke endre denne personen."))
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        summary=_("Slettet %(what)s"),
        values={"what": type(record)},
        obj=record,
        service=_service_of(actor, person),
        changes={"person": person},
    )
    record.delete()


def _service_of(actor, person: Person):
    """The actor's service the person works in, for the audit log (none for an admin from
    outside)."""
    return access.services_of_person(actor, person).order_by("pk").first()


@transaction.atomic
def proposal_create(
    *,
    actor,
    person: Person,
    kind: str,
    data: dict,
    message: str,
    override_kinds: Sequence[str] = (),
) -> ChangeProposal:
    """An employee proposes a correction to their own record; a leader decides.
    `override_kinds`: what the guard warned about in the message, confirmed past (logged)."""
    if access.access_for(actor).own_person_id != person.pk:
        raise PermissionDenied(_("Du kan bare foreslå endringer i din egen registrering."))
    proposal = ChangeProposal.objects.create(
        person=person, kind=kind, data=data, message=message.strip(), proposed_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=proposal,
        service=None,
        summary=_("Foreslo endring: %(kind)s"),
        values={"kind": ProposalKind(proposal.kind)},
        changes={"person": person},
    )
    audit_guard_override(actor=actor, obj=proposal, kinds=override_kinds)
    return proposal


class ProposalCannotBeApplied(ValueError):
    """The proposed data no longer passes validation; the proposal stays pending."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(str(errors))


@transaction.atomic
def proposal_decide(
    *,
    actor,
    proposal: ChangeProposal,
    approve: bool,
    note: str = "",
    override_kinds: Sequence[str] = (),
) -> ChangeProposal:
    """Approve (apply the proposed record) or reject a pending proposal. `override_kinds`:
    what the guard warned about in the note, confirmed past (logged)."""
    from laget.people.record_forms import FORM_BY_PROPOSAL_KIND

    person = proposal.person
    if not access.can_edit_person(actor, person):
        raise PermissionDenied(_("Du kan ikke behandle forslag for denne personen."))
    if proposal.status != ProposalStatus.PENDING:
        raise ProposalCannotBeApplied({"__all__": [_("Forslaget er allerede behandlet.")]})
    if approve and proposal.kind in FORM_BY_PROPOSAL_KIND:
        form = FORM_BY_PROPOSAL_KIND[proposal.kind](data=proposal.data)
        if not form.is_valid():
            raise ProposalCannotBeApplied(form.errors)
        record_add(actor=actor, person=person, form=form)
    proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED
    proposal.decided_by, proposal.decided_at, proposal.decision_note = (
        actor,
        timezone.now(),
        note.strip()[:500],
    )
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=proposal,
        service=_service_of(actor, person),
        summary=_("%(decision)s forslag: %(kind)s"),
        values={
            "decision": ProposalStatus(proposal.status),
            "kind": ProposalKind(proposal.kind),
        },
        changes={"person": person},
    )
    audit_guard_override(
        actor=actor, obj=proposal, service=_service_of(actor, person), kinds=override_kinds
    )
    return proposal


@transaction.atomic
def employment_update(*, actor, employment, form) -> object:
    """Save a valid EmploymentForm (e.g. end of employment with reason); audited."""
    if not access.employments_editable(actor, employment.person).filter(pk=employment.pk).exists():
        raise PermissionDenied(_("Du kan ikke endre ansettelser i denne tjenesten."))
    before = Employment.objects.get(pk=employment.pk)
    changed = changed_fields(
        before, {f: form.cleaned_data[f] for f in form.changed_data if f in form._meta.fields}
    )
    saved = form.save()
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=saved,
            service=saved.service,
            summary=_("Endret ansettelsen"),
            fields=changed,
            before=before,
            changes={"person": saved.person_id},
        )
    audit_guard_override(actor=actor, obj=saved, service=saved.service, kinds=form.override_kinds)
    return saved


@transaction.atomic
def person_hire(*, actor, service, person_form, employment_form) -> Person:
    """Register a new employee in a service: the person and the employment, in one go."""
    if not access.has_person_access(actor, service):
        raise PermissionDenied(_("Du kan ikke registrere ansatte i denne tjenesten."))
    person = person_form.save()
    employment = employment_form.save(commit=False)
    employment.person, employment.service = person, service
    employment.full_clean(exclude=employment_form.guards)  # checked, perhaps confirmed
    employment.save()
    employee_hired.send(sender=Employment, employment=employment, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=person,
        service=service,
        summary=_("Registrerte en ny ansatt"),
        changes={
            "employment": employment,
            **field_values(employment, employment_form.cleaned_data),
        },
    )
    audit_guard_override(
        actor=actor, obj=employment, service=service, kinds=employment_form.override_kinds
    )
    return person


@transaction.atomic
def roster_import_discard(*, actor, pending) -> None:
    """Forget an uploaded roster that was never imported (the file's rows with it)."""
    from laget.people.models import RosterImport

    if not access.has_person_access(actor, pending.service):
        raise PermissionDenied(_("Bare leder og HR i tjenesten kan gjøre dette."))
    if pending.state != RosterImport.State.PENDING:
        raise PermissionDenied(_("Filen er alt importert."))
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        summary=_("Forkastet en opplastet ansattliste"),  # its name is the user's text
        obj=pending,
        service=pending.service,
    )
    pending.delete()
