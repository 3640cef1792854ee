"""The extremes validation allows, stored, and every page and export that shows them opened.

Every number Laget stores has a range (laget/domain/ranges.py). Here service A gets each at
the edge the range allows: FTE 100 and 0.1, 300 credits, 600 months of prior experience,
measures costing 10 million kroner, 10,000 applicants for 100 positions, a hire with 50 years
of experience, a 480-minute supervision session, waitlist position 10,000, an onboarding task
due 730 days after the start, and sick leave for 5,000 persons with every agreed day lost.
Each is checked with the model's own validation before it is stored. Then the leader, the
county user and the national user open every page and export they may see that shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from laget.core.tabular import Table
from laget.domain import ranges
from laget.people.models import FurtherEducation, Person, PriorExperience
from laget.planning.models import CompetencePlan, Measure
from laget.reports.models import ReportTemplate, StatusReport
from laget.reports.render import FORMATS
from laget.supervision.models import (
    Onboarding,
    OnboardingItem,
    SupervisionPlan,
    SupervisionSession,
)
from laget.supervision.services import (
    new_employee_template,
    onboarding_start,
    plans_from_template,
)
from laget.workforce.models import Hire, Vacancy
from laget.workforce.sick_leave_import import check, sick_leave_import_apply
from tests.access_rules import RULES
from tests.access_targets import sent_report
from tests.factories import EducationFactory, EmploymentFactory

pytestmark = pytest.mark.django_db

ROLES = ("leader", "county", "national")


def _stored(obj):
    """Stored only if the model's own validation (the domain's ranges) takes it."""
    obj.full_clean()
    obj.save()
    return obj


def _months_back(today: date, count: int) -> list[date]:
    """The `count` complete months before this one, oldest first."""
    months, month = [], today.replace(day=1)
    for _ in range(count):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return months[::-1]


@dataclass
class Extremes:
    person: Person  # full time, with the most credits, experience and the longest waitlist
    tenth: Person  # the smallest FTE there is
    newcomer: Person  # onboarding due 730 days after the start
    plan: CompetencePlan
    supervision: SupervisionPlan
    onboarding: Onboarding
    vacancy: Vacancy
    draft: StatusReport
    sent: StatusReport


def _store_extremes(world: World) -> Extremes:
    service, today = world.service_a, timezone.localdate()
    next_year = today.year + 1

    person = world.person_a
    employment = person.employments.get()
    employment.fte_percent = ranges.FTE_PERCENT.high
    _stored(employment)
    tenth = world.service_a.employments.exclude(person__in=[person, world.employee_person])[0]
    tenth.fte_percent = Decimal("0.1")  # the field keeps one decimal; over 0 is the range
    _stored(tenth)

    EducationFactory(person=person)
    for status, ends_on, waitlist in (
        ("completed", date(2021, 6, 30), None),
        ("applied", date(next_year, 6, 30), int(ranges.WAITLIST_POSITION.high)),
    ):
        _stored(
            FurtherEducation(
                person=person,
                course="Videreutdanning",
                credits=ranges.CREDITS.high,
                status=status,
                ends_on=ends_on,
                waitlist_position=waitlist,
            )
        )
    _stored(PriorExperience(person=person, months=ranges.EXPERIENCE_MONTHS.high, employer="X"))

    plan = CompetencePlan.objects.create(service=service, year=today.year)
    for kind, who in (("further_education", person), ("master", tenth.person), ("course", None)):
        _stored(
            Measure(
                plan=plan,
                kind=kind,
                person=who,
                title="Tiltak",
                credits=ranges.CREDITS.high if kind != "course" else None,
                ends_on=date(next_year, 6, 30),
                cost=int(ranges.COST_KRONER.high),
            )
        )

    supervision = plans_from_template(
        actor=None,
        template=new_employee_template(service),
        persons=[person],
        starts_on=today - timedelta(days=60),
        check=False,
    )[0]
    _stored(
        SupervisionSession(
            plan=supervision,
            held_on=today - timedelta(days=7),
            duration_minutes=int(ranges.SESSION_MINUTES.high),
            status="held",
            kind="case",
            logged_by=world.user("leader"),
        )
    )
    _stored(
        OnboardingItem(
            service=service,
            title="Oppfølging etter to år",
            due_days=int(ranges.DUE_DAYS.high),
            responsible="leader",
        )
    )
    newcomer = EmploymentFactory(service=service, start_date=today - timedelta(days=10))
    onboarding = onboarding_start(actor=None, employment=newcomer)

    vacancy = _stored(
        Vacancy(
            service=service,
            title="Barnevernskonsulent",
            role_category="core",
            requirement="master_desired",
            positions=int(ranges.VACANCY_POSITIONS.high),
            advertised_on=today - timedelta(days=90),
            applicants=int(ranges.APPLICANTS.high),
            qualified_applicants=int(ranges.APPLICANTS.high),
            filled_on=today - timedelta(days=30),
        )
    )
    _stored(
        Hire(
            vacancy=vacancy,
            source="other_service",
            experience_years=ranges.EXPERIENCE_YEARS.high,
            has_master=True,
        )
    )

    # sick leave for the most staff a service can have, every agreed day lost, for 13 months
    persons = ranges.MAX_SERVICE_STAFF
    rows = []
    for month in _months_back(today, 13):
        agreed = ranges.agreed_days(month, persons).high
        rows.append([f"{month:%Y-%m}", "", str(agreed), str(agreed / 2), str(agreed / 2)])
        rows[-1] += [str(agreed / 4), str(agreed * 3 / 4), str(persons)]
    headers = [
        "Måned",
        "Enhet",
        "Avtalte dagsverk",
        "Egenmeldte fraværsdagsverk",
        "Legemeldte fraværsdagsverk",
        "Korttidsfravær (1–16 dager)",
        "Langtidsfravær (over 16 dager)",
        "Antall ansatte",
    ]
    checked = check(service, Table(headers, list(enumerate(rows, start=2))), today)
    assert checked.ok, (checked.errors, checked.row_errors)
    sick_leave_import_apply(actor=world.user("leader"), service=service, rows=checked.rows)

    draft = StatusReport.objects.create(
        service=service,
        municipality=service.host_municipality,
        year=today.year,
        template=ReportTemplate.in_force(today),
    )
    return Extremes(
        person=person,
        tenth=tenth.person,
        newcomer=newcomer.person,
        plan=plan,
        supervision=supervision,
        onboarding=onboarding,
        vacancy=vacancy,
        draft=draft,
        sent=sent_report(service),  # last year's, with this year's figures frozen in it
    )


def _pages(world: World, x: Extremes) -> list[tuple[str, dict | None]]:
    """Every page and export that shows the extremes: (URL name, URL arguments)."""
    service = {"pk": world.service_a.pk}
    pages: list[tuple[str, dict | None]] = [
        (name, service)
        for name in (
            "organisations:detail",
            "organisations:staff",
            "competence:service",
            "projection_service:service",
            "planning:index",
            "planning:pipeline",
            "supervision:service",
            "supervision:export",
            "supervision:onboarding",
            "workforce:service",
            "workforce:export",
            "workforce:vacancies",
            "workforce:exits",
            "roster:export",
            "reports_service:index",
        )
    ]
    pages += [
        ("planning:detail", {**service, "year": x.plan.year}),
        ("supervision:plan", {**service, "plan_id": x.supervision.pk}),
        ("supervision_me:onboarding", {"onboarding_id": x.onboarding.pk}),
        ("workforce:vacancy", {**service, "vacancy_id": x.vacancy.pk}),
        *[("people:detail", {"pk": p.pk}) for p in (x.person, x.tenth, x.newcomer)],
        ("planning_person:career", {"pk": x.person.pk}),
        ("organisations:overview", None),
        ("competence_overview:overview", None),
        ("workforce_overview:overview", None),
        ("workforce_overview:export", None),
        ("reports:overview", None),
    ]
    for report in (x.draft, x.sent):
        pages.append(("reports:detail", {"report_id": report.pk}))
        pages += [("reports:download", {"report_id": report.pk, "fmt": f}) for f in FORMATS]
    return pages


def _may_see(role: str, name: str, kwargs: dict | None, x: Extremes) -> bool:
    """What the access matrix gives the role (service A is the leader's and county's own);
    a sent report is for every reader of the service's aggregates."""
    if kwargs and kwargs.get("report_id") == x.sent.pk:
        return True
    return role in RULES[name].allowed_own


@pytest.mark.parametrize("role", ROLES)
def test_every_page_that_shows_the_extremes_opens(client, world: World, role: str):
    extremes = _store_extremes(world)
    client.force_login(world.user(role))
    opened = []
    for name, kwargs in _pages(world, extremes):
        if not _may_see(role, name, kwargs, extremes):
            continue
        url = reverse(name, kwargs=kwargs)
        assert client.get(url).status_code == 200, (role, url)
        opened.append(name)
    # the aggregate users see the service's own pages and the overviews, not only a few
    assert len(opened) >= {"leader": 32, "county": 16, "national": 16}[role], opened


def test_the_extremes_are_on_the_pages(client, world: World):
    """The pages show the figures themselves, not an error message in their place."""
    x = _store_extremes(world)
    client.force_login(world.user("leader"))
    service = world.service_a.pk

    def page(name: str, **kwargs) -> str:
        return client.get(reverse(name, kwargs=kwargs)).content.decode()

    assert "10\u00a0000\u00a0000&nbsp;kr" in page("planning:detail", pk=service, year=x.plan.year)
    vacancy = page("workforce:vacancy", pk=service, vacancy_id=x.vacancy.pk)
    assert 'value="10000"' in vacancy and 'value="100"' in vacancy  # applicants, positions
    person = page("people:detail", pk=x.person.pk)
    assert "300 stp" in person and "600 mnd" in person  # as people write them (issue 28)
    assert "0,1&nbsp;%" in page("people:detail", pk=x.tenth.pk)
    assert "100,0\u00a0%" in page("workforce:service", pk=service)  # every agreed day lost
