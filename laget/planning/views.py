from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laget.accounts import access
from laget.competence.selectors import competence_overview, covered_staff, evaluate_services
from laget.core.fields import group_by_unit
from laget.core.paging import page_of
from laget.organisations.selectors import unit_of_staff
from laget.people.models import Person
from laget.planning import selectors, services
from laget.planning.forms import (
    PHASE_FORMS,
    CareerPlanForm,
    MeasureForm,
    NewPlanForm,
    PipelineFilterForm,
)
from laget.planning.models import CareerPlan, CompetencePlan, Phase
from laget.planning.pipeline import pipeline_narrowed, service_pipeline


def _measure_form(service, data=None) -> MeasureForm:
    """The form for a measure: a person is one of those the requirement covers, by unit."""
    today = timezone.localdate()
    form = MeasureForm(data, staff=covered_staff(service=service, today=today))
    group_by_unit(form.fields["person"], unit_of_staff(service=service, today=today))
    return form


def _plan(request, pk: int, year: int) -> CompetencePlan:
    service = access.get_service_with_person_access_or_404(request.user, pk)
    return get_object_or_404(
        CompetencePlan.objects.select_related("service"), service=service, year=year
    )


@login_required
@require_http_methods(["GET", "POST"])
def index(request, pk: int):
    """The service's competence plans; a leader starts this year's."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    form = NewPlanForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        plan = services.plan_create(
            actor=request.user, service=service, year=form.cleaned_data["year"]
        )
        return redirect("planning:detail", pk=service.pk, year=plan.year)
    plans = CompetencePlan.objects.filter(service=service)
    return render(
        request,
        "planning/index.html",
        {"service": service, "plans": plans, "form": form},
        status=400 if form.errors else 200,
    )


def _evaluation_rows(plan, overview) -> list[tuple[str, object, object]]:
    """(status, count at the mapping, count now) for the evaluation phase."""
    then = plan.mapping_snapshot.get("statuses", {})
    return [(row.label, then.get(row.key, "–"), row.count.value) for row in overview.statuses]


def _context(request, plan, *, phase_forms=None, measure_form=None):
    today = timezone.localdate()
    evaluated = evaluate_services([plan.service], today)
    overview = competence_overview(
        user=request.user,
        services=[plan.service],
        today=today,
        with_persons=False,
        evaluated=evaluated,
    )
    forms = {name: form_class(instance=plan) for name, form_class in PHASE_FORMS.items()}
    forms.update(phase_forms or {})
    unplanned = selectors.without_measures(evaluated, plan.year)
    return {
        "service": plan.service,
        "plan": plan,
        "forms": forms,
        "measure_form": measure_form or _measure_form(plan.service),
        "measures": plan.measures.select_related("person"),
        "overview": overview,
        "without_measures": Person.objects.filter(pk__in=unplanned).order_by(
            "family_name", "given_name", "pk"
        ),
        "projection": selectors.plan_projection(plan, today),
        "plan_phases": Phase.choices,
        "evaluation_rows": _evaluation_rows(plan, overview),
    }


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk: int, year: int):
    """The four phases on one page; each phase's form saves on its own."""
    plan = _plan(request, pk, year)
    if request.method == "POST":
        phase = request.POST.get("phase", "")
        if phase not in PHASE_FORMS:
            raise Http404
        form = PHASE_FORMS[phase](request.POST, instance=plan)
        if form.is_valid():
            snapshot = None
            if phase == "mapping":
                overview = competence_overview(
                    user=request.user,
                    services=[plan.service],
                    today=timezone.localdate(),
                    with_persons=False,
                )
                snapshot = {
                    "date": timezone.localdate().isoformat(),
                    "statuses": {row.key: row.count.value for row in overview.statuses},
                }
            services.plan_phase_save(
                actor=request.user, plan=plan, form=form, phase=phase, snapshot=snapshot
            )
            messages.success(request, _("Lagret."))
            return redirect(f"{request.path}#{phase}")
        plan.refresh_from_db()
        return render(
            request,
            "planning/detail.html",
            _context(request, plan, phase_forms={phase: form}),
            status=400,
        )
    return render(request, "planning/detail.html", _context(request, plan))


@login_required
@require_POST
def measure_add(request, pk: int, year: int):
    plan = _plan(request, pk, year)
    form: MeasureForm | None = _measure_form(plan.service, request.POST)
    assert form is not None
    status = 200
    if form.is_valid():
        services.measure_add(actor=request.user, plan=plan, form=form)
        if not request.htmx:
            messages.success(request, _("Tiltaket er lagt til."))
            return redirect(f"{plan_url(plan)}#tiltak")
        form = None  # a fresh, empty form
    else:
        status = 400
    context = _context(request, plan, measure_form=form)
    template = "planning/_measures.html" if request.htmx else "planning/detail.html"
    return render(request, template, context, status=status)


@login_required
@require_POST
def measure_delete(request, pk: int, year: int, measure_id: int):
    plan = _plan(request, pk, year)
    measure = get_object_or_404(plan.measures, pk=measure_id)
    services.measure_delete(actor=request.user, measure=measure)
    messages.success(request, _("Tiltaket er slettet."))
    return redirect(f"{plan_url(plan)}#tiltak")


def plan_url(plan: CompetencePlan) -> str:
    from django.urls import reverse

    return reverse("planning:detail", kwargs={"pk": plan.service_id, "year": plan.year})


@login_required
@require_http_methods(["GET", "POST"])
def career_plan(request, pk: int):
    """This year's career plan: the employee reads it, their leaders and HR write it (a former
    service only reads it, in the short window after the person left; see accounts.access)."""
    person = access.get_person_or_404(request.user, pk)
    is_self = access.access_for(request.user).own_person_id == person.pk
    may_edit = access.can_edit_person(request.user, person)
    year = timezone.localdate().year
    current = CareerPlan.objects.filter(person=person, year=year).first()
    form = CareerPlanForm(
        request.POST or None, instance=current or CareerPlan(person=person, year=year)
    )
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if form.is_valid():
            services.career_plan_save(actor=request.user, person=person, year=year, form=form)
            messages.success(request, _("Karriereplanen er lagret."))
            return redirect("planning_person:career", pk=person.pk)
    earlier = CareerPlan.objects.filter(person=person, year__lt=year)
    context = {
        "person": person,
        "plan": current,
        "form": form,
        "may_edit": may_edit,
        "is_self": is_self,
        "year": year,
        "earlier": earlier,
    }
    return render(request, "planning/career_plan.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def pipeline(request, pk: int):
    """Who needs a place in further education, in priority order; searchable by name and
    filtered by status and those not yet applied (kept in the address), the number in the
    whole order kept."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    pipeline = service_pipeline(service=service, today=timezone.localdate())
    form = PipelineFilterForm(request.GET or None)
    filters = form.filters()
    rows = pipeline_narrowed(pipeline.rows, **filters)
    context = {
        "service": service,
        "pipeline": pipeline,
        "form": form,
        "filtered": any(filters.values()),
        "rows": rows,
        "page": page_of(request, rows, PIPELINE_PER_PAGE),
    }
    return render(request, "planning/pipeline.html", context)


#: A service of 5,000 staff has about 1,800 in the order: 50 a page (its Excel has them all).
PIPELINE_PER_PAGE = 50
