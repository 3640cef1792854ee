"""Writes for the workforce app: exit interviews and recruitment. Each checks that the actor
has person access to the service and is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from laget.accounts import access
from laget.core.audit import audit_guard_override, audit_record
from laget.core.models import AuditAction
from laget.organisations.models import Service
from laget.people.models import Employment
from laget.workforce.models import ExitInterview, ExitReasonRating, Hire, Vacancy


def _check(actor, service: Service) -> None:
    if not access.has_person_access(actor, service):
        raise PermissionDenied(_("Bare leder og HR i tjenesten kan gjøre dette."))


@transaction.atomic
def exit_interview_create(
    *, actor, employment: Employment, form, ratings: dict[str, int]
) -> ExitInterview:
    """Store the interview; free text only when the employee agreed to it."""
    _check(actor, employment.service)
    interview = form.save(commit=False)
    interview.employment, interview.held_by = employment, actor
    if not form.cleaned_data.get("store_free_text"):
        interview.free_text = ""
    interview.save()
    ExitReasonRating.objects.bulk_create(
        ExitReasonRating(interview=interview, reason=reason, importance=importance)
        for reason, importance in ratings.items()
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=interview,
        service=employment.service,
        summary=_("Registrerte sluttsamtale"),
        changes={"employment": employment, "person": employment.person_id},
    )
    if interview.free_text:  # text that is not stored needs no confirmation logged
        audit_guard_override(
            actor=actor, obj=interview, service=employment.service, kinds=form.override_kinds
        )
    return interview


@transaction.atomic
def vacancy_save(*, actor, service: Service, form) -> Vacancy:
    _check(actor, service)
    vacancy = form.save(commit=False)
    created = vacancy.pk is None
    vacancy.service = service
    vacancy.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=vacancy,
        service=service,
        summary=_("Registrerte utlyst stilling") if created else _("Endret utlyst stilling"),
        fields=form.changed_data,
    )
    audit_guard_override(actor=actor, obj=vacancy, service=service, kinds=form.override_kinds)
    return vacancy


@transaction.atomic
def hire_add(*, actor, vacancy: Vacancy, form) -> Hire:
    _check(actor, vacancy.service)
    hire = form.save(commit=False)
    hire.vacancy = vacancy
    hire.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=hire,
        service=vacancy.service,
        summary=_("Registrerte ansettelse i utlyst stilling"),
        changes={"vacancy": vacancy},
    )
    return hire
