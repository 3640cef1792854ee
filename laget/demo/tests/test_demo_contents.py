"""What the demo holds, read from one demo made for the module (`demo_module`): every test
here only reads it (what one changes is rolled back after it)."""

from datetime import date

import pytest
from django.urls import reverse

from laget.accounts.models import User
from laget.demo.services import DEMO_LOGINS, DEMO_PASSWORD, SERVICE_SIZES
from laget.organisations.models import Service
from laget.people.models import Person
from laget.workforce.selectors import workforce_overview

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def test_every_trondelag_service_has_plausible_synthetic_staff(demo_module):
    sizes = {s.slug: s.employments.active_on(TODAY).count() for s in Service.objects.all()}
    assert sizes == SERVICE_SIZES
    assert min(sizes.values()) <= 3 and 90 <= sizes["trondheim"] <= 110
    assert not Person.objects.filter(is_synthetic=False).exists()
    for service in Service.objects.all():
        assert service.employments.filter(role_category="leader").count() == 1


def test_the_history_tells_a_plausible_story(demo_module):
    """Five years of turnover near 20 %, sick leave near 10 %, exit interviews and vacancies."""
    admin = User.objects.get(username="admin")
    overview = workforce_overview(user=admin, services=list(Service.objects.all()), today=TODAY)
    assert [row.year for row in overview.rows] == [2021, 2022, 2023, 2024, 2025]
    for row in overview.rows:
        assert 0.12 <= row.turnover.value <= 0.28, row
        assert 0.08 <= row.sick_leave.value <= 0.13, row
        assert overview.interviews_by_year[overview.rows.index(row)].value >= 20
    assert overview.reasons[0].reason == "workload"
    assert overview.recruitment.advertised.value > 100
    assert 300 <= overview.headcount.value <= 330


def test_there_is_a_demo_login_for_every_role_and_the_password_works(client, demo_module):
    # besides the logins: inactive users standing for the check-in answers of synthetic staff
    assert {login.username for login in DEMO_LOGINS} == set(
        User.objects.filter(is_active=True).values_list("username", flat=True)
    )
    assert not User.objects.filter(is_active=False).exclude(username__startswith="demo-svar-")
    # the name a page greets a login with is the one the list of logins gives (not «Nasjonal
    # Bruker», issue 28)
    national = next(login for login in DEMO_LOGINS if login.username == "nasjonal")
    assert User.objects.get(username="nasjonal").get_full_name() == national.description
    response = client.post(
        reverse("accounts:login"), {"username": "leder.trondheim", "password": DEMO_PASSWORD}
    )
    assert response["Location"] == reverse(
        "organisations:detail", kwargs={"pk": Service.objects.get(slug="trondheim").pk}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Demodata" in page and "syntetiske" in page


def test_every_competence_status_appears_in_the_demo(demo_module):
    from laget.accounts.models import User
    from laget.competence.selectors import competence_overview

    overview = competence_overview(
        user=User.objects.get(username="admin"),
        services=list(Service.objects.all()),
        today=TODAY,
        with_persons=False,
    )
    counts = {row.key: row.count.value for row in overview.statuses}
    assert all(counts[key] > 0 for key in ("meets", "will_meet", "at_risk", "cannot_meet")), counts
    assert overview.not_subject.value > 0


def test_supervision_is_regular_in_some_services_and_not_in_others(demo_module):
    from laget.supervision.models import Onboarding, SupervisionPlan
    from laget.supervision.selectors import service_supervision

    admin = User.objects.get(username="admin")

    def held_share(slug: str) -> float:
        service = Service.objects.get(slug=slug)
        return service_supervision(user=admin, service=service, today=TODAY).held_share.value

    assert held_share("trondheim") > 0.75 and held_share("vaernesregionen") > 0.75
    assert held_share("froya") < 0.4 and held_share("hitra") < 0.4
    employee = User.objects.get(username="ansatt.trondheim").person
    assert not SupervisionPlan.objects.filter(person=employee).exists()  # the walk-through makes it
    assert Onboarding.objects.filter(employment__person=employee).exists()


def test_last_years_report_is_sent_and_a_member_municipality_has_figures_of_its_own(demo_module):
    from laget.reports.access import reports_visible
    from laget.reports.content.format import SUPPRESSED
    from laget.reports.models import StatusReport
    from laget.reports.services import preview_document

    report = StatusReport.objects.get()
    assert (report.service.slug, report.year, report.status) == ("trondheim", 2025, "sent")
    county = User.objects.get(username="statsforvalter.trondelag")
    assert list(reports_visible(county)) == [report]
    vaernes = Service.objects.get(slug="vaernesregionen")
    figures = {}
    for municipality in vaernes.municipalities.all():
        document = preview_document(
            service=vaernes,
            municipality=municipality,
            year=TODAY.year,
            comparisons=[],
            today=TODAY,
            now=report.finalised_at,
        )
        own = next(
            b for s in document.sections for b in s.blocks if b["title"].startswith("Tall for")
        )
        figures[municipality.name] = dict(own["items"])["Ansatte"]
    # Stjørdal, the host, has a team large enough to show; at least one small team is hidden
    assert figures["Stjørdal"] != SUPPRESSED
    assert SUPPRESSED in figures.values()


def test_no_onboarding_in_the_demo_says_the_mentor_is_chosen_without_one(demo_module):
    """Issue 28: «Fadder: ikke utpekt ennå» beside «✓ Gjort Fadder er utpekt»."""
    from laget.supervision.models import MENTOR_TASK, OnboardingTask

    done = OnboardingTask.objects.filter(title=MENTOR_TASK, done_on__isnull=False)
    assert done.exists()
    assert not done.filter(onboarding__mentor=None).exists()
