"""Recruitment pages: the service's vacancies and their hires (person access only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from laget.accounts import access
from laget.core.paging import page_of
from laget.workforce import services
from laget.workforce.forms import HireForm, VacancyFilterForm, VacancyForm
from laget.workforce.models import Vacancy
from laget.workforce.vacancies import vacancies_list

#: Rows on a page of the vacancy list.
VACANCIES_PER_PAGE = 50


@login_required
@require_http_methods(["GET", "POST"])
def vacancies(request, pk: int):
    """The service's vacancies, searchable by title and filtered by status and role, 50 a
    page (the filters kept in the address), and a form to register a new one."""
    service = access.get_service_with_person_access_or_404(request.user, pk)
    form = VacancyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        vacancy = services.vacancy_save(actor=request.user, service=service, form=form)
        messages.success(request, _("Stillingen «%(t)s» er registrert.") % {"t": vacancy.title})
        return redirect("workforce:vacancy", pk=service.pk, vacancy_id=vacancy.pk)
    filter_form = VacancyFilterForm(request.GET or None)
    filters = filter_form.filters()
    rows = vacancies_list(service=service, **filters)
    context = {
        "service": service,
        "form": form,
        "filter_form": filter_form,
        "filtered": any(filters.values()),
        "total": service.vacancies.count(),
        "page": page_of(request, rows, VACANCIES_PER_PAGE),
    }
    return render(
        request,
        "workforce/vacancies.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy(request, pk: int, vacancy_id: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    item = get_object_or_404(Vacancy, pk=vacancy_id, service=service)
    form = VacancyForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.vacancy_save(actor=request.user, service=service, form=form)
        messages.success(request, _("Endringene er lagret."))
        return redirect("workforce:vacancy", pk=service.pk, vacancy_id=item.pk)
    return render(
        request,
        "workforce/vacancy.html",
        {"service": service, "vacancy": item, "form": form, "hire_form": HireForm(vacancy=item)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def hire_add(request, pk: int, vacancy_id: int):
    service = access.get_service_with_person_access_or_404(request.user, pk)
    item = get_object_or_404(Vacancy, pk=vacancy_id, service=service)
    hire_form = HireForm(request.POST, vacancy=item)
    if hire_form.is_valid():
        services.hire_add(actor=request.user, vacancy=item, form=hire_form)
        messages.success(request, _("Ansettelsen er registrert."))
        return redirect("workforce:vacancy", pk=service.pk, vacancy_id=item.pk)
    return render(
        request,
        "workforce/vacancy.html",
        {
            "service": service,
            "vacancy": item,
            "form": VacancyForm(instance=item),
            "hire_form": hire_form,
        },
        status=400,
    )
