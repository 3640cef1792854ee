"""Writes for supervision and onboarding. Each checks who may do it and is audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.accounts import access
from laget.core.audit import audit_guard_override, audit_record
from laget.core.models import AuditAction
from laget.domain.supervision import NEW_EMPLOYEE_STEPS, steps_to_json
from laget.organisations.models import Service
from laget.people.models import Employment, Person
from laget.supervision.models import (
    MENTOR_TASK,
    CheckIn,
    Debrief,
    EventKind,
    Form,
    Kind,
    Onboarding,
    OnboardingItem,
    OnboardingTask,
    Responsible,
    SessionReflection,
    SupervisionPause,
    SupervisionPlan,
    SupervisionSession,
    SupervisionTemplate,
)

#: The onboarding programme a service starts with (it can change it): (title, days, who).
DEFAULT_ONBOARDING = [
    (MENTOR_TASK, 0, Responsible.LEADER),
    ("Introduksjon til rutiner, fagsystem og internkontroll", 5, Responsible.MENTOR),
    ("Første veiledningssamtale", 7, Responsible.LEADER),
    ("Hospitering: være med på samtaler og hjemmebesøk", 14, Responsible.MENTOR),
    ("Første egne saker, sammen med en erfaren kollega", 30, Responsible.LEADER),
    ("Samtale etter tre måneder", 90, Responsible.LEADER),
    ("Saksmengden trappes opp til vanlig nivå", 120, Responsible.LEADER),
    ("Samtale etter seks måneder", 182, Responsible.LEADER),
]
RECENT_HIRE_DAYS = 60  # a roster import gives onboarding only to those who started lately


def _check_service(actor, service: Service) -> None:
    if not access.has_person_access(actor, service):
        raise PermissionDenied(_("Bare leder og HR i tjenesten kan gjøre dette."))


def can_log_sessions(user, plan: SupervisionPlan) -> bool:
    """The service's leaders and HR, and the colleague appointed as supervisor (while working
    in the service)."""
    return access.has_person_access(user, plan.service) or _appointed_supervisor(user, plan)


def _appointed_supervisor(user, plan: SupervisionPlan) -> bool:
    own = access.access_for(user).own_person_id
    return own is not None and own == plan.supervisor_id and access.works_in(user, plan.service)


def new_employee_template(service: Service) -> SupervisionTemplate:
    template = SupervisionTemplate.objects.filter(service=service, for_new_employees=True).first()
    if template is None:
        template = SupervisionTemplate.objects.create(
            service=service,
            name=_("Nyansatte: første år"),
            kinds=[Kind.CASE, Kind.PROCESS],
            steps=steps_to_json(NEW_EMPLOYEE_STEPS),
            goals=_(
                "Tett oppfølging det første året: trygghet i rollen, vurderinger i egne saker "
                "og rom for det som er krevende."
            ),
            for_new_employees=True,
        )
    return template


@transaction.atomic
def template_save(*, actor, service: Service, form) -> SupervisionTemplate:
    """Save a template from its form; only one template is the one for new employees."""
    _check_service(actor, service)
    created = form.instance.pk is None
    template = form.save(commit=False)
    template.service = service
    if template.for_new_employees:
        SupervisionTemplate.objects.filter(service=service).exclude(pk=template.pk).update(
            for_new_employees=False
        )
    template.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=template,
        service=service,
        summary=_("Lagret veiledningsmal"),
        fields=form.changed_data,
    )
    audit_guard_override(actor=actor, obj=template, service=service, kinds=form.override_kinds)
    return template


@transaction.atomic
def pause_create(*, actor, service: Service, form) -> SupervisionPause:
    """Leave for an employee: no supervision is expected in it."""
    _check_service(actor, service)
    data = form.cleaned_data
    pause = SupervisionPause.objects.create(
        person=data["person"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        reason=data["reason"],
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=pause,
        service=service,
        summary=_("Registrerte pause i veiledningen"),
        changes={"person": pause.person, "starts_on": pause.starts_on, "ends_on": pause.ends_on},
    )
    audit_guard_override(actor=actor, obj=pause, service=service, kinds=form.override_kinds)
    return pause


def onboarding_items(service: Service) -> list[OnboardingItem]:
    items = list(OnboardingItem.objects.filter(service=service))
    if not items:
        items = OnboardingItem.objects.bulk_create(
            OnboardingItem(service=service, title=title, due_days=days, responsible=who)
            for title, days, who in DEFAULT_ONBOARDING
        )
    return items


@transaction.atomic
def onboarding_item_add(*, actor, service: Service, form) -> OnboardingItem:
    """A new item in the service's onboarding programme; new employees get it from now on."""
    _check_service(actor, service)
    item = form.save(commit=False)
    item.service = service
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=item,
        service=service,
        summary=_("La til et punkt i introduksjonsprogrammet, %(days)d dager etter start"),
        values={"days": item.due_days},
    )
    audit_guard_override(actor=actor, obj=item, service=service, kinds=form.override_kinds)
    return item


@transaction.atomic
def onboarding_start(*, actor, employment: Employment, with_plan: bool = True) -> Onboarding:
    """The service's onboarding programme, with due dates from the start date, and (unless
    `with_plan` is off) the supervision plan for new employees."""
    onboarding, created = Onboarding.objects.get_or_create(employment=employment)
    if created:
        tasks = OnboardingTask.objects.bulk_create(
            OnboardingTask(
                onboarding=onboarding,
                title=item.title,
                due_on=employment.start_date + timedelta(days=item.due_days),
                responsible=item.responsible,
            )
            for item in onboarding_items(employment.service)
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=onboarding,
            service=employment.service,
            summary=_("Startet introduksjon med %(n)d punkter"),
            values={"n": len(tasks)},
            changes={"person": employment.person_id, "employment": employment.pk},
        )
    if created and with_plan:
        plans_from_template(
            actor=actor,
            template=new_employee_template(employment.service),
            persons=[employment.person],
            starts_on=employment.start_date,
            check=False,
        )
    return onboarding


@transaction.atomic
def plans_from_template(
    *,
    actor,
    template: SupervisionTemplate,
    persons: list[Person],
    starts_on: date,
    supervisor: Person | None = None,
    external_supervisor: str = "",
    group_name: str = "",
    check: bool = True,
    override_kinds: Sequence[str] = (),
) -> list[SupervisionPlan]:
    """One individual plan per person, or one group plan with them all, in one step.
    `override_kinds`: what the guard warned about in the group's name, confirmed past."""
    service = template.service
    if check:
        _check_service(actor, service)
    common = {
        "service": service,
        "form": template.form,
        "kinds": template.kinds,
        "supervisor_category": template.supervisor_category,
        "supervisor": supervisor,
        "external_supervisor": external_supervisor,
        "steps": template.steps,
        "starts_on": starts_on,
        "goals": template.goals,
        "created_by": actor if getattr(actor, "is_authenticated", False) else None,
    }
    if template.form == Form.GROUP:
        plan = SupervisionPlan.objects.create(name=group_name or template.name, **common)
        plan.members.set(persons)
        plans = [plan]
    else:
        plans = [SupervisionPlan.objects.create(person=p, **common) for p in persons]
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        service=service,
        summary=_("Opprettet veiledningsplan for %(n)d ansatte"),
        values={"n": len(persons)},
        changes={"template": template, "plans": [plan.pk for plan in plans]},
    )
    if plans:
        audit_guard_override(actor=actor, obj=plans[0], service=service, kinds=override_kinds)
    return plans


@transaction.atomic
def session_log(*, actor, plan: SupervisionPlan, form) -> SupervisionSession:
    """Log a session. When the writer confirmed past the guard's warning about the notes, the
    session is marked and the override is logged (the kinds of warning, not the notes)."""
    if not can_log_sessions(actor, plan):
        raise PermissionDenied(_("Bare leder, HR og veilederen kan føre samtaler."))
    session = form.save(commit=False)
    session.plan, session.logged_by, session.guard_overridden = plan, actor, form.overridden
    if is_supervisor(actor, plan):  # the one who supervised logged it
        session.confirmed_by_supervisor_at = timezone.now()
    session.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=session,
        service=plan.service,
        summary=_("Førte veiledningssamtale"),
        changes={"plan": plan, "held_on": session.held_on},
    )
    audit_guard_override(actor=actor, obj=session, service=plan.service, kinds=form.override_kinds)
    return session


def is_supervisor(user, plan: SupervisionPlan) -> bool:
    """The one who supervises: the appointed colleague, or the leader when a leader does."""
    if plan.supervisor_id:
        return _appointed_supervisor(user, plan)
    return plan.supervisor_category == "leader" and access.has_person_access(user, plan.service)


@transaction.atomic
def session_confirm(*, actor, session: SupervisionSession) -> None:
    if not is_supervisor(actor, session.plan):
        raise PermissionDenied(_("Bare veilederen kan bekrefte som veileder."))
    session.confirmed_by_supervisor_at = timezone.now()
    session.save(update_fields=["confirmed_by_supervisor_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=session,
        service=session.plan.service,
        summary=_("Bekreftet veiledningssamtale som veileder"),
        changes={"held_on": session.held_on},
    )


@transaction.atomic
def reflection_save(
    *, actor, person: Person, session: SupervisionSession, form
) -> SessionReflection:
    """The employee confirms the session, with an optional reflection of their own."""
    if not is_participant(person, session.plan):
        raise PermissionDenied(_("Du deltok ikke i denne samtalen."))
    reflection, _created = SessionReflection.objects.update_or_create(
        session=session,
        person=person,
        defaults={
            "reflection": form.cleaned_data["reflection"],
            "shared_with_supervisor": form.cleaned_data["shared_with_supervisor"],
        },
    )
    audit_guard_override(
        actor=actor, obj=reflection, service=session.plan.service, kinds=form.override_kinds
    )
    return reflection


def is_participant(person: Person, plan: SupervisionPlan) -> bool:
    if plan.form == Form.INDIVIDUAL:
        return plan.person_id == person.pk
    return plan.members.filter(pk=person.pk).exists()


@transaction.atomic
def task_done(*, actor, task: OnboardingTask, done: bool) -> OnboardingTask:
    if task.follows_mentor and done != (task.onboarding.mentor_id is not None):
        raise PermissionDenied(_("Punktet følger fadderen: det er gjort når fadderen er valgt."))
    task.done_on = timezone.localdate() if done else None
    task.done_by = actor if done else None
    task.save(update_fields=["done_on", "done_by"])
    # the title is free text a leader wrote (perhaps past the guard): the log names the task by
    # its id and due date, not by what it says
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=task,
        service=task.onboarding.employment.service,
        summary=(
            _("Krysset av et punkt i introduksjonen")
            if done
            else _("Fjernet avkrysningen av et punkt i introduksjonen")
        ),
        changes={"due_on": task.due_on, "done_on": task.done_on},
    )
    return task


@transaction.atomic
def mentor_assign(*, actor, onboarding: Onboarding, mentor: Person | None) -> None:
    _check_service(actor, onboarding.employment.service)
    onboarding.mentor = mentor
    onboarding.save(update_fields=["mentor"])
    for task in onboarding.tasks.all():
        if task.follows_mentor and (task.done_on is not None) != (mentor is not None):
            task_done(actor=actor, task=task, done=mentor is not None)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=onboarding,
        service=onboarding.employment.service,
        summary=_("Endret fadder i introduksjonen"),
        changes={"mentor": mentor},
    )


@transaction.atomic
def check_in_save(*, user, service: Service, role: str, period: str, scores: tuple[int, int, int]):
    return CheckIn.objects.update_or_create(
        service=service,
        user=user,
        role=role,
        period=period,
        defaults={"q1": scores[0], "q2": scores[1], "q3": scores[2]},
    )[0]


@transaction.atomic
def debrief_save(*, actor, service: Service, form) -> Debrief:
    _check_service(actor, service)
    debrief = form.save(commit=False)
    debrief.service, debrief.created_by, debrief.guard_overridden = service, actor, form.overridden
    debrief.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=debrief,
        service=service,
        summary=_("Registrerte debrief etter %(kind)s"),
        values={"kind": EventKind(debrief.event_kind)},
    )
    audit_guard_override(actor=actor, obj=debrief, service=service, kinds=form.override_kinds)
    return debrief
