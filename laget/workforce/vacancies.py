"""The service's vacancies as the list shows them, narrowed by the list's filters."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from laget.organisations.models import Service
from laget.organisations.selectors import has_words
from laget.workforce.models import Vacancy

#: A vacancy's status as the list's filter names it in the address.
VACANCY_STATUSES = {
    "ledig": Q(filled_on__isnull=True, closed_on__isnull=True),
    "besatt": Q(filled_on__isnull=False),
    "trukket": Q(closed_on__isnull=False),
}


def vacancies_list(
    *, service: Service, title: str = "", status: str = "", role: str = ""
) -> QuerySet[Vacancy]:
    """The service's vacancies, newest first (the caller has checked person access), narrowed
    to words of the title, a status (`VACANCY_STATUSES`) and a role category when given."""
    rows = service.vacancies.all()
    if title.strip():
        titles = service.vacancies.values_list("pk", "title")
        rows = rows.filter(pk__in=[pk for pk, text in titles if has_words(text, title)])
    if status:
        rows = rows.filter(VACANCY_STATUSES[status])
    if role:
        rows = rows.filter(role_category=role)
    return rows.prefetch_related("hires").order_by("-advertised_on", "-pk")
