from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laget.accounts import access
from laget.competence.relevance import with_why
from laget.competence.selectors import competence_status_for_person
from laget.organisations.attention import own_attention
from laget.people import services
from laget.people.forms import DecisionForm, PersonForm, ProposalMessageForm
from laget.people.models import (
    ChangeProposal,
    Education,
    FurtherEducation,
    PriorExperience,
    ProposalStatus,
    RelevanceBasis,
)
from laget.people.record_forms import KINDS, EmploymentForm, NewPersonForm, json_ready


@login_required
@require_GET
def me(request):
    """The employee's own page."""
    own_id = access.access_for(request.user).own_person_id
    if own_id is None:
        raise Http404
    return _detail(request, access.get_person_or_404(request.user, own_id))


@login_required
@require_GET
def detail(request, pk: int):
    return _detail(request, access.get_person_or_404(request.user, pk, units=True))


def _detail(request, person):
    today = timezone.localdate()
    context = {
        "person": person,
        "employments": access.employments_visible(request.user, person),
        "is_self": person.pk == access.access_for(request.user).own_person_id,
        "can_edit": access.can_edit_person(request.user, person),
        "read_only_until": access.read_only_until(request.user, person),
        "competence": competence_status_for_person(user=request.user, person=person, today=today),
        "educations": with_why(person.educations.all()),
        "further_educations": with_why(person.further_educations.all()),
        "prior_experiences": person.prior_experiences.all(),
        "proposals": person.change_proposals.select_related("proposed_by", "decided_by"),
        "pending_status": ProposalStatus.PENDING,
    }
    if context["is_self"]:
        context["attention"] = own_attention(person, today)
    return render(request, "people/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    person = access.get_person_or_404(request.user, pk)
    if not access.can_edit_person(request.user, person):
        raise Http404
    form = PersonForm.for_person(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_update(
            actor=request.user,
            person=person,
            **{field: form.cleaned_data[field] for field in services.EDITABLE_FIELDS},
        )
        messages.success(request, _("Endringene er lagret."))
        return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/edit.html",
        {"person": person, "form": form},
        status=400 if form.errors else 200,
    )


def _kind_or_404(kind: str):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


RECORD_MODELS = {
    "utdanning": Education,
    "videreutdanning": FurtherEducation,
    "erfaring": PriorExperience,
}


@login_required
@require_http_methods(["GET", "POST"])
def record_add(request, pk: int, kind: str):
    """A leader adds a record; an employee on their own page proposes it instead."""
    person = access.get_person_or_404(request.user, pk)
    proposal_kind, form_class, title = _kind_or_404(kind)
    may_edit = access.can_edit_person(request.user, person)
    is_self = access.access_for(request.user).own_person_id == person.pk
    if not (may_edit or is_self):
        raise Http404
    form = form_class(request.POST or None)
    message_form = None if may_edit else ProposalMessageForm(request.POST or None)
    valid = form.is_valid() and (message_form is None or message_form.is_valid())
    if request.method == "POST" and valid:
        if message_form is None:
            services.record_add(actor=request.user, person=person, form=form)
            messages.success(request, _("Lagret."))
        else:
            services.proposal_create(
                actor=request.user,
                person=person,
                kind=proposal_kind,
                data=json_ready(form.cleaned_data),
                message=message_form.cleaned_data["message"],
                override_kinds=message_form.override_kinds,
            )
            messages.success(request, _("Forslaget er sendt til lederen din."))
        if may_edit:
            return redirect("people:detail", pk=person.pk)
        return redirect("people:me")
    context = {
        "person": person,
        "form": form,
        "title": title,
        "proposing": not may_edit,
        "message_form": message_form,
    }
    errors = form.errors or (message_form is not None and message_form.errors)
    return render(request, "people/record_form.html", context, status=400 if errors else 200)


@login_required
@require_POST
def record_delete(request, pk: int, kind: str, record_id: int):
    person = access.get_person_or_404(request.user, pk)
    _kind_or_404(kind)
    if not access.can_edit_person(request.user, person):
        raise Http404
    record = get_object_or_404(RECORD_MODELS[kind], pk=record_id, person=person)
    services.record_delete(actor=request.user, person=person, record=record)
    messages.success(request, _("Slettet."))
    return redirect("people:detail", pk=person.pk)


#: the kinds of record whose relevance a leader judges
ASSESSABLE = ("utdanning", "videreutdanning")


@login_required
@require_POST
def record_assess(request, pk: int, kind: str, record_id: int):
    """The leader decides whether an education nobody had judged is relevant («ja»/«nei»)."""
    person = access.get_person_or_404(request.user, pk)
    if kind not in ASSESSABLE or not access.can_edit_person(request.user, person):
        raise Http404
    record = (
        get_object_or_404(Education, pk=record_id, person=person)
        if kind == "utdanning"
        else get_object_or_404(FurtherEducation, pk=record_id, person=person)
    )
    if record.relevance_basis == RelevanceBasis.ON_LIST or getattr(record, "is_sum", False):
        return HttpResponseBadRequest(
            _("Utdanningen står på listen over relevant utdanning, eller er en sum fra en fil.")
        )
    verdict = request.POST.get("relevant")
    if verdict not in ("ja", "nei"):
        return HttpResponseBadRequest(_("Velg relevant eller ikke relevant."))
    services.record_assess(
        actor=request.user, person=person, record=record, relevant=verdict == "ja"
    )
    messages.success(request, _("Vurderingen er lagret. Statusen regnes ut på nytt."))
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def proposal_decide(request, pk: int, proposal_id: int):
    person = access.get_person_or_404(request.user, pk)
    if not access.can_edit_person(request.user, person):
        raise Http404
    proposal = get_object_or_404(ChangeProposal, pk=proposal_id, person=person)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        if form.has_error("decision"):
            return HttpResponseBadRequest(_("Velg godkjenn eller avvis."))
        # the reason was held back by the guard (or is too long): shown again to confirm or edit
        context = {"person": person, "proposal": proposal, "form": form}
        return render(request, "people/proposal_decide.html", context, status=400)
    try:
        services.proposal_decide(
            actor=request.user,
            proposal=proposal,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            override_kinds=form.override_kinds,
        )
    except services.ProposalCannotBeApplied as error:
        problems = "; ".join(str(m) for messages_ in error.errors.values() for m in messages_)
        messages.error(
            request,
            _("Forslaget kan ikke tas inn slik det er: %(problems)s") % {"problems": problems},
        )
    else:
        messages.success(request, _("Forslaget er behandlet."))
    return redirect("people:detail", pk=person.pk)


@login_required
@require_http_methods(["GET", "POST"])
def employment_edit(request, pk: int, employment_id: int):
    person = access.get_person_or_404(request.user, pk)
    employment = get_object_or_404(
        access.employments_editable(request.user, person), pk=employment_id
    )
    form = EmploymentForm(request.POST or None, instance=employment, service=employment.service)
    if request.method == "POST" and form.is_valid():
        services.employment_update(actor=request.user, employment=employment, form=form)
        messages.success(request, _("Ansettelsen er lagret."))
        return redirect("people:detail", pk=person.pk)
    context = {
        "person": person,
        "form": form,
        "title": _("Ansettelse i %(service)s") % {"service": employment.service},
    }
    return render(
        request, "people/employment_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def hire(request, service_pk: int):
    """Register a new employee by hand (most come through the roster import)."""
    service = access.get_service_with_person_access_or_404(request.user, service_pk)
    person_form = NewPersonForm(request.POST or None, prefix="person")
    employment_form = EmploymentForm(request.POST or None, prefix="employment", service=service)
    if request.method == "POST" and person_form.is_valid() and employment_form.is_valid():
        person = services.person_hire(
            actor=request.user,
            service=service,
            person_form=person_form,
            employment_form=employment_form,
        )
        messages.success(request, _("%(name)s er registrert.") % {"name": person.full_name})
        return redirect("people:detail", pk=person.pk)
    errors = person_form.errors or employment_form.errors
    context = {
        "service": service,
        "person_form": person_form,
        "form": employment_form,
        "title": _("Ny ansatt"),
    }
    return render(request, "people/employment_form.html", context, status=400 if errors else 200)
