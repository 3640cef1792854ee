"""The pages of the people supervision is for: the employee's own supervision (confirming
sessions, reflections, check-ins), the mentor's new colleagues, and a new employee's
onboarding checklist as the employee, the mentor and the leader see it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laget.accounts import access
from laget.people.models import Person
from laget.supervision import services
from laget.supervision.forms import CheckInForm, MentorForm, ReflectionForm
from laget.supervision.models import Onboarding, OnboardingTask, SupervisionSession
from laget.supervision.own import mentees, own_supervision
from laget.supervision.views import by_unit, staff_of


def _own_person(user) -> Person:
    own = access.access_for(user).own_person_id
    if own is None:
        raise Http404
    return get_object_or_404(Person, pk=own)


def _onboarding_for(request, onboarding_id: int) -> tuple[Onboarding, str]:
    """The onboarding and how the user relates to it: leader, mentor or employee."""
    item = get_object_or_404(
        Onboarding.objects.select_related("employment__person", "employment__service", "mentor"),
        pk=onboarding_id,
    )
    own = access.access_for(request.user).own_person_id
    if access.has_person_access(request.user, item.employment.service):
        return item, "leader"
    if (
        own is not None
        and own == item.mentor_id
        and access.works_in(request.user, item.employment.service)
    ):
        return item, "mentor"
    if own is not None and own == item.employment.person_id:
        return item, "employee"
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def onboarding_detail(request, onboarding_id: int):
    item, relation = _onboarding_for(request, onboarding_id)
    service = item.employment.service
    mentor_form = MentorForm(
        request.POST or None, staff=staff_of(service), initial={"mentor": item.mentor_id}
    )
    by_unit(mentor_form.fields["mentor"], service)
    if request.method == "POST":
        if relation != "leader":
            raise Http404
        if mentor_form.is_valid():
            services.mentor_assign(
                actor=request.user, onboarding=item, mentor=mentor_form.cleaned_data["mentor"]
            )
            messages.success(request, _("Fadderen er lagret."))
            return redirect("supervision_me:onboarding", onboarding_id=item.pk)
    return render(
        request,
        "supervision/onboarding_detail.html",
        {
            "onboarding": item,
            "service": service,
            "relation": relation,
            "tasks": item.tasks.all(),
            "mentor_form": mentor_form,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def task_toggle(request, onboarding_id: int, task_id: int):
    item, _relation = _onboarding_for(request, onboarding_id)
    task = get_object_or_404(OnboardingTask, pk=task_id, onboarding=item)
    services.task_done(actor=request.user, task=task, done=request.POST.get("done") == "1")
    if request.htmx:
        return render(
            request,
            "supervision/_task.html",
            {"task": task, "onboarding": item, "today": timezone.localdate()},
        )
    return redirect("supervision_me:onboarding", onboarding_id=item.pk)


# --- The employee's own page and the mentor's -----------------------------------------------


@login_required
@require_GET
def me(request):
    person = _own_person(request.user)
    return render(request, "supervision/me.html", _me_context(request, person))


def _me_context(request, person: Person, refused: tuple[int, ReflectionForm] | None = None):
    """The employee's page; `refused`: a session whose reflection the guard held back, and its
    form, shown again with the warnings and the confirmation."""
    own = own_supervision(person=person, user=request.user, today=timezone.localdate())
    return {
        "own": own,
        "reflection_form": ReflectionForm(),
        "refused_session_id": refused[0] if refused else None,
        "refused_form": refused[1] if refused else None,
        "check_in_form": CheckInForm(),
        "today": timezone.localdate(),
    }


@login_required
@require_POST
def reflect(request, session_id: int):
    """The employee confirms a session they took part in, with an optional reflection."""
    person = _own_person(request.user)
    session = get_object_or_404(SupervisionSession.objects.select_related("plan"), pk=session_id)
    form = ReflectionForm(request.POST)
    if not services.is_participant(person, session.plan):
        raise Http404
    if form.is_valid():
        services.reflection_save(actor=request.user, person=person, session=session, form=form)
        messages.success(request, _("Samtalen er bekreftet."))
        return redirect("supervision_me:me")
    context = _me_context(request, person, refused=(session.pk, form))
    return render(request, "supervision/me.html", context, status=400)


@login_required
@require_GET
def mentor(request):
    person = _own_person(request.user)
    return render(
        request,
        "supervision/mentor.html",
        {"onboardings": mentees(person), "today": timezone.localdate()},
    )
