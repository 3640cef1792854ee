from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from laget.accounts import access
from laget.competence.selectors import competence_status_for_person
from laget.people import services
from laget.people.forms import PersonForm


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
    return _detail(request, access.get_person_or_404(request.user, pk))


def _detail(request, person):
    today = timezone.localdate()
    context = {
        "person": person,
        "employments": access.employments_visible(request.user, person),
        "is_self": person.pk == access.access_for(request.user).own_person_id,
        "can_edit": access.can_edit_person(request.user, person),
        "competence": competence_status_for_person(user=request.user, person=person, today=today),
    }
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
