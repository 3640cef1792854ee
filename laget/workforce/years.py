"""The years the workforce pages show, KS's reference date, the figures' definitions and the
employment register as columns: what the overview, the publications and the glossary share
(no import of the overview, so the publications can import it at the top)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import CharField, FloatField, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from laget.domain import recruitment, sick_leave
from laget.domain import workforce as metrics
from laget.domain.register import OPEN_END_ISO, Register
from laget.organisations.models import Service
from laget.people.models import Employment

YEARS = 5


def last_complete_year(today: date) -> int:
    """Figures are shown for whole calendar years: churn and sick leave need the year's end."""
    return today.year - 1


def reference_date() -> tuple[int, int]:
    """(month, day) of KS turnover's reference date: 1 December unless configured."""
    month, day = (int(part) for part in settings.LAGET_TURNOVER_REFERENCE_DATE.split("-"))
    return month, day


def figure_definitions() -> dict[str, str]:
    """Every workforce figure's definition as the code computes it, with the reference date in
    use: the text the pages, the export, the report and the glossary show."""
    return {
        **metrics.definitions(reference_date()),
        **sick_leave.DEFINITIONS,
        **recruitment.DEFINITIONS,
    }


def years_shown(today: date) -> list[int]:
    last = last_complete_year(today)
    return list(range(last - YEARS + 1, last + 1))


def register_for(
    services: list[Service], since: date | None = None, today: date | None = None
) -> Register:
    """The employment register of the services as columns.

    With `since`, periods that ended before it are left out unless the person is employed
    today: no turnover, churn or early-leaver figure from `since` on depends on them, and
    today's staff keep their whole history for tenure.

    The query is the ORM's, but dates come as ISO text and the rows are read from the cursor,
    so numpy parses the dates in C instead of Django's converters one value at a time: that
    makes the national page (200,000 periods) several times faster.
    """
    employments = Employment.objects.all()
    if since is not None:
        employed_today = Employment.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today or timezone.localdate())
        ).values("person_id")
        employments = employments.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=since) | Q(person__in=employed_today)
        )
    if len(services) < Service.objects.count():
        # Filtering on every service of the nation would make the database walk the service
        # index row by row; the whole table is read far faster as it lies.
        employments = employments.filter(service__in=services)
    query = employments.values_list(
        "person_id",
        "service_id",
        "role_category",
        Cast("fte_percent", FloatField()),
        Cast("start_date", CharField()),
        # still employed: the open end as a date too, so every value parses the same way
        Coalesce(Cast("end_date", CharField()), Value(OPEN_END_ISO)),
        Coalesce("person__birth_year", 0),
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return Register.from_rows(rows)
