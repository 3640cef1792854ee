"""Supervision and onboarding pages. Views check access and hand over to selectors and
services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laget.accounts import access
from laget.core.audit import audit_record
from laget.core.fields import group_by_unit
from laget.core.models import AuditAction
from laget.core.paging import page_of
from laget.core.xlsx import XLSX_CONTENT_TYPE
from laget.organisations.models import Service
from laget.organisations.selectors import unit_of_staff
from laget.people.models import Employment, Person
from laget.supervision import selectors, services
from laget.supervision.exporting import regularity_xlsx
from laget.supervision.forms import (
    CheckInForm,
    DebriefForm,
    NewPlansForm,
    OnboardingItemForm,
    PauseForm,
    RowFilterForm,
    SessionForm,
    TemplateForm,
)
from laget.supervision.models import (
    CheckIn,
    Debrief,
    SupervisionPlan,
    SupervisionSession,
    SupervisionTemplate,
)


def staff_of(service):
    today = timezone.localdate()
    return (
        Person.objects.filter(employments__in=service.employments.active_on(today))
        .order_by("family_name", "given_name")
        .distinct()
    )


def by_unit(field, service) -> None:
    """Show a person select's choices grouped by the unit each person works in now."""
    group_by_unit(field, unit_of_staff(service=service, today=timezone.localdate()))


def _by_unit(service, field) -> list[tuple[str, str, list]]:
    """The field's person checkboxes by the unit each person works in now (the service's own
    staff without a unit last), each group with the id of its «velg alle» box."""
    unit_of = unit_of_staff(service=service, today=timezone.localdate())
    groups: dict[str, list] = {}
    for choice in field:
        name = unit_of.get(choice.data["value"].value) or _("Uten enhet")
        groups.setdefault(name, []).append(choice)
    ordered = sorted(groups.items(), key=lambda item: (item[0] == _("Uten enhet"), item[0]))
    return [
        (name, f"{field.auto_id}_alle_{i}", choices)
        for i, (name, choices) in enumerate(ordered, start=1)
    ]


@login_required
@require_GET
def service(request, pk: int):
    """The leader's overview (person by person), or suppressed aggregates for others."""
    service = access.get_service_or_404(request.user, pk)
    return render(request, "supervision/service.html", _service_context(request, service))


#: Rows on a page of the person table (as the staff list).
ROWS_PER_PAGE = 50


def _service_context(request, service: Service, pause_form: PauseForm | None = None) -> dict:
    today = timezone.localdate()
    overview = selectors.service_supervision(user=request.user, service=service, today=today)
    if pause_form is None and overview.open_view:
        pause_form = PauseForm(staff=staff_of(service))
        by_unit(pause_form.fields["person"], service)
    form = RowFilterForm(request.GET or None, service=service)
    filters = form.filters()
    rows = selectors.rows_narrowed(overview.rows, **filters)
    return {
        "page": page_of(request, rows, ROWS_PER_PAGE),
        "service": service,
        "overview": overview,
        "filter_form": form,
        "only": filters["only"],
        "filtered": any(filters.values()),
        "rows": rows,
        "check_in_form": CheckInForm(),
        "pause_form": pause_form if overview.open_view else None,
        "period": selectors.quarter(today),
        "leader_checked_in": overview.open_view
        and CheckIn.objects.filter(
            service=service,
            user=request.user,
            role=CheckIn.Role.LEADER,
            period=selectors.quarter(today),
        ).exists(),
    }


@login_required
@require_GET
def export(request, pk: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    today = timezone.localdate()
    overview = selectors.service_supervision(user=request.user, service=service, today=today)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=service,
        service=service,
        summary=_("Eksporterte regelmessighet i veiledningen for %(n)d ansatte"),
        values={"n": len(overview.rows)},
    )
    response = HttpResponse(regularity_xlsx(overview), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="veiledning-{service.slug}-{today:%Y-%m-%d}.xlsx"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request, pk: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    services.new_employee_template(service)  # there is always the template for new staff
    form = NewPlansForm(request.POST or None, service=service, staff=staff_of(service))
    by_unit(form.fields["supervisor"], service)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plans = services.plans_from_template(
            actor=request.user,
            template=data["template"],
            persons=list(data["persons"]),
            starts_on=data["starts_on"],
            supervisor=data["supervisor"],
            external_supervisor=data["external_supervisor"],
            group_name=data["group_name"],
            override_kinds=form.override_kinds,
        )
        messages.success(
            request,
            ngettext(
                "%(n)d veiledningsplan er opprettet.",
                "%(n)d veiledningsplaner er opprettet.",
                len(plans),
            )
            % {"n": len(plans)},
        )
        if len(plans) == 1:
            return redirect("supervision:plan", pk=service.pk, plan_id=plans[0].pk)
        return redirect("supervision:service", pk=service.pk)
    return render(
        request,
        "supervision/plan_new.html",
        {"service": service, "form": form, "person_groups": _by_unit(service, form["persons"])},
        status=400 if request.method == "POST" else 200,
    )


def _plan_for(request, pk: int, plan_id: int) -> SupervisionPlan:
    plan = get_object_or_404(
        SupervisionPlan.objects.select_related("service", "person", "supervisor"),
        pk=plan_id,
        service_id=pk,
    )
    if not services.can_log_sessions(request.user, plan):
        raise Http404
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, pk: int, plan_id: int):
    """A plan and its sessions; the quick form to log one (leader, HR, the supervisor)."""
    item = _plan_for(request, pk, plan_id)
    form = SessionForm(request.POST or None, plan=item)
    if request.method == "POST" and form.is_valid():
        services.session_log(actor=request.user, plan=item, form=form)
        messages.success(request, _("Samtalen er registrert."))
        return redirect("supervision:plan", pk=pk, plan_id=item.pk)
    sessions = list(item.sessions.prefetch_related("reflections"))
    own = access.access_for(request.user).own_person_id
    context = {
        "service": item.service,
        "plan": item,
        "form": form,
        "sessions": sessions,
        # said before the plan is ended: what is not finished in it
        "unconfirmed": sum(
            1 for s in sessions if s.status == "held" and not s.confirmed_by_supervisor_at
        ),
        # a shared reflection is for the supervisor, not for every leader
        "viewer_is_supervisor": own is not None and own == item.supervisor_id,
        "can_confirm": services.is_supervisor(request.user, item),
        "members": item.members.all(),
        "person_access": access.has_person_access(request.user, item.service),
    }
    return render(
        request, "supervision/plan.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_POST
def session_confirm(request, pk: int, plan_id: int, session_id: int):
    """The supervisor confirms a session someone else logged."""
    item = _plan_for(request, pk, plan_id)
    session = get_object_or_404(SupervisionSession, pk=session_id, plan=item)
    services.session_confirm(actor=request.user, session=session)
    messages.success(request, _("Samtalen er bekreftet av veilederen."))
    return redirect("supervision:plan", pk=pk, plan_id=item.pk)


@login_required
@require_POST
def plan_end(request, pk: int, plan_id: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    item = get_object_or_404(SupervisionPlan, pk=plan_id, service=service)
    item.ends_on = max(timezone.localdate(), item.starts_on)
    item.save(update_fields=["ends_on"])
    audit_record(
        actor=request.user,
        action=AuditAction.UPDATE,
        obj=item,
        service=service,
        summary=_("Avsluttet veiledningsplan"),
        changes={"ends_on": item.ends_on},
    )
    messages.success(request, _("Planen er avsluttet. Lag en ny plan når hyppigheten endres."))
    return redirect("supervision:plan", pk=service.pk, plan_id=item.pk)


@login_required
@require_http_methods(["GET", "POST"])
def templates(request, pk: int, template_id: int | None = None):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    services.new_employee_template(service)
    instance = (
        get_object_or_404(SupervisionTemplate, pk=template_id, service=service)
        if template_id
        else None
    )
    form = TemplateForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.template_save(actor=request.user, service=service, form=form)
        messages.success(request, _("Malen er lagret."))
        return redirect("supervision:templates", pk=service.pk)
    return render(
        request,
        "supervision/templates.html",
        {
            "service": service,
            "form": form,
            "instance": instance,
            "templates": SupervisionTemplate.objects.filter(service=service),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def debriefs(request, pk: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    form = DebriefForm(request.POST or None, staff=staff_of(service))
    by_unit(form.fields["person"], service)
    if request.method == "POST" and form.is_valid():
        services.debrief_save(actor=request.user, service=service, form=form)
        messages.success(request, _("Debriefen er registrert."))
        return redirect("supervision:debriefs", pk=service.pk)
    return render(
        request,
        "supervision/debriefs.html",
        {
            "service": service,
            "form": form,
            "debriefs": Debrief.objects.filter(service=service).select_related("person"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def pause_add(request, pk: int):
    """Leave for an employee: no supervision is expected in it."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    form = PauseForm(request.POST, staff=staff_of(service))
    by_unit(form.fields["person"], service)
    if not form.is_valid():
        if form.has_error(NON_FIELD_ERRORS, "case_information"):
            # the reason must be confirmed, so the form is shown again with it
            context = _service_context(request, service, pause_form=form)
            return render(request, "supervision/service.html", context, status=400)
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("supervision:service", pk=service.pk)
    services.pause_create(actor=request.user, service=service, form=form)
    messages.success(request, _("Pausen er registrert."))
    return redirect("supervision:service", pk=service.pk)


@login_required
@require_POST
def check_in(request, pk: int):
    """A check-in: the leader rates the supervision given, an employee what they got."""
    service = get_object_or_404(Service, pk=pk)
    if access.has_person_access(request.user, service):
        role = CheckIn.Role.LEADER
    elif service.pk in _own_service_ids(request.user, with_plan=True):
        role = CheckIn.Role.EMPLOYEE
    else:
        raise Http404
    form = CheckInForm(request.POST)
    if form.is_valid():
        services.check_in_save(
            user=request.user,
            service=service,
            role=role,
            period=selectors.quarter(timezone.localdate()),
            scores=(form.cleaned_data["q1"], form.cleaned_data["q2"], form.cleaned_data["q3"]),
        )
        messages.success(request, _("Takk! Svaret er lagret."))
    else:
        messages.error(request, _("Svar på alle tre spørsmålene (1–5)."))
    if role == CheckIn.Role.LEADER:
        return redirect("supervision:service", pk=service.pk)
    return redirect("supervision_me:me")


def _own_service_ids(user, *, with_plan: bool = False) -> set[int]:
    """The services the user works in now (`with_plan`: only those where they have a
    supervision plan, whose supervision they can rate)."""
    own = access.access_for(user).own_person_id
    if own is None:
        return set()
    ids = set(
        Employment.objects.active_on(timezone.localdate())
        .filter(person_id=own)
        .values_list("service_id", flat=True)
    )
    if with_plan:
        ids &= set(
            SupervisionPlan.objects.filter(Q(person_id=own) | Q(members=own)).values_list(
                "service_id", flat=True
            )
        )
    return ids


# --- Onboarding ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def onboarding(request, pk: int):
    """The service's new employees and their progress; the programme's items."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    items = services.onboarding_items(service)
    form = OnboardingItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.onboarding_item_add(actor=request.user, service=service, form=form)
        messages.success(request, _("Punktet er lagt til i programmet."))
        return redirect("supervision:onboarding", pk=service.pk)
    return render(
        request,
        "supervision/onboarding.html",
        {
            "service": service,
            "items": items,
            "onboardings": selectors.onboardings_for_service(service),
            "today": timezone.localdate(),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
