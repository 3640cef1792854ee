import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from laget.people.models import FurtherEducation
from laget.planning.models import CompetencePlan, Measure
from laget.planning.pipeline import semesters_left, service_pipeline
from tests.factories import (
    EducationFactory,
    FurtherEducationFactory,
    ServiceFactory,
    staff,
    staff_with_register,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def test_semesters_left_before_the_deadline():
    assert [s.code for s in semesters_left(TODAY, date(2031, 1, 1))] == [
        "V2027",
        "H2027",
        "V2028",
        "H2028",
        "V2029",
        "H2029",
        "V2030",
        "H2030",
    ]
    assert semesters_left(date(2030, 8, 1), date(2031, 1, 1)) == []


def test_those_who_only_lack_further_education_come_first_and_those_who_meet_last(world):
    service = ServiceFactory(host_municipality=world.service_a.host_municipality)
    only_credits = staff_with_register(service, 1, credits=15)[0].person
    no_degree = staff(service, 1)[0].person
    meets = staff_with_register(service, 1, credits=30)[0].person
    FurtherEducationFactory(
        person=meets, status="waitlisted", ends_on=date(2027, 12, 31), waitlist_position=3
    )
    admitted = staff_with_register(service, 1, credits=0)[0].person
    FurtherEducationFactory(
        person=admitted, status="admitted", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )
    pipeline = service_pipeline(service=service, today=TODAY)
    order = [(row.person, row.priority) for row in pipeline.rows]
    assert order == [(only_credits, 1), (no_degree, 2), (admitted, 3), (meets, 4)]
    assert (
        pipeline.rows[0].reason
        == "Oppfyller ikke kravet, og videreutdanning er det eneste som mangler."
    )
    assert pipeline.rows[-1].pending[0].waitlist_position == 3
    assert pipeline.semesters_left == 8


def test_a_capacity_warning_when_too_many_of_a_small_service_are_away(world):
    service = ServiceFactory(
        host_municipality=world.service_a.host_municipality, max_share_on_studies=20
    )
    people = [e.person for e in staff_with_register(service, 6, credits=0)]
    for person in people[:2]:
        FurtherEducationFactory(
            person=person,
            status="admitted",
            starts_on=date(2027, 8, 15),
            ends_on=date(2027, 12, 15),
        )
    plan = CompetencePlan.objects.create(service=service, year=2026)
    Measure.objects.create(
        plan=plan,
        kind="further_education",
        person=people[2],
        title="Videreutdanning",
        credits=Decimal(30),
        semester="V2028",
        ends_on=date(2028, 6, 30),
    )
    loads = {
        load.semester.code: load for load in service_pipeline(service=service, today=TODAY).loads
    }
    assert (loads["H2027"].away, loads["H2027"].over_limit) == (3, True)  # 3 of 6 = 50 %
    assert (loads["V2029"].away, loads["V2029"].over_limit) == (0, False)


def test_the_page_lists_the_order(client, world):
    EducationFactory(person=world.person_a)
    FurtherEducation.objects.create(
        person=world.person_a,
        course="Kurs",
        credits=15,
        relevant=True,
        status="completed",
        ends_on=date(2022, 1, 1),
    )
    client.force_login(world.user("leader"))
    body = client.get(
        reverse("planning:pipeline", kwargs={"pk": world.service_a.pk})
    ).content.decode()
    assert world.person_a.full_name in body and "videreutdanning er det eneste som mangler" in body


@pytest.mark.parametrize("name", ["planning:pipeline", "planning:detail"])
def test_planning_pages_issue_a_constant_number_of_queries(client, world, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = CompetencePlan.objects.create(service=world.service_a, year=2026)
    kwargs = (
        {"pk": world.service_a.pk}
        if name == "planning:pipeline"
        else {"pk": world.service_a.pk, "year": 2026}
    )
    client.force_login(world.user("leader"))

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse(name, kwargs=kwargs)).status_code == 200
        return len(context.captured_queries)

    staff_with_register(world.service_a, 4, credits=15)  # 10 staff
    small = count()
    for employment in staff_with_register(world.service_a, 490, credits=15)[:50]:  # 500 staff
        Measure.objects.create(
            plan=plan,
            kind="further_education",
            person=employment.person,
            title="V",
            credits=Decimal(15),
            ends_on=date(2028, 6, 30),
        )
    assert count() == small


def test_the_list_narrows_by_name_status_and_not_applied_keeping_the_priority_number(client, world):
    only_credits = staff_with_register(world.service_a, 1, credits=15)[0].person
    only_credits.given_name, only_credits.family_name = "Åse", "Øien"
    only_credits.save()
    admitted = staff_with_register(world.service_a, 1, credits=0)[0].person
    FurtherEducationFactory(
        person=admitted, status="admitted", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )
    client.force_login(world.user("leader"))
    url = reverse("planning:pipeline", kwargs={"pk": world.service_a.pk})
    everyone = client.get(url).context["rows"]
    assert [n for n, _row in everyone] == list(range(1, 9))  # the world's six and these two

    def shown(query) -> list[tuple[int, str]]:
        return [(n, row.person.full_name) for n, row in client.get(url, query).context["rows"]]

    assert shown({"navn": "øien"}) == [(1, "Åse Øien")]
    assert shown({"status": "at_risk"}) == [(1, "Åse Øien")]
    assert shown({"status": "will_meet"}) == [(8, admitted.full_name)]  # admitted to 30 credits
    assert shown({"status": "will_meet", "ikke_sokt": "on"}) == []
    assert shown({"ikke_sokt": "on"}) == [(n, name) for n, name in shown({}) if n != 8]
    cannot = [(n, row.person.full_name) for n, row in everyone if n in range(2, 8)]
    assert shown({"status": "cannot_meet"}) == cannot
    body = client.get(url, {"status": "at_risk", "ikke_sokt": "on"}).content.decode()
    assert "1 av 8 ansatte" in body
    assert '<option value="at_risk" selected>' in body
    assert re.search(r'<input[^>]*name="ikke_sokt"[^>]*checked', body)
    bad = client.get(url, {"status": "alt", "navn": "øien"})
    assert bad.status_code == 200 and [n for n, _r in bad.context["rows"]] == [1]
    assert 'aria-invalid="true"' in bad.content.decode()


def test_a_long_order_is_50_a_page_numbered_on_and_its_excel_holds_all(client, world):
    """Issue 28, item 8: Oslo at ten times has about 1,800 in the order, 1.2 MB of page."""
    from laget.planning.views import PIPELINE_PER_PAGE

    staff_with_register(world.service_a, PIPELINE_PER_PAGE + 10, credits=0)
    client.force_login(world.user("leader"))
    url = reverse("planning:pipeline", kwargs={"pk": world.service_a.pk})
    first = client.get(url).content.decode()
    second = client.get(url, {"side": 2}).content.decode()
    numbers = re.compile(r'<tr><td class="laget-num">(\d+)</td>')
    on_first, on_second = numbers.findall(first), numbers.findall(second)
    assert len(on_first) == PIPELINE_PER_PAGE
    assert [int(n) for n in on_first + on_second] == list(range(1, len(on_first + on_second) + 1))
    assert "Side 1 av 2" in first and "Neste side" in first
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(client.get(url, {"tabeller": "xlsx"}).content))
    order = book.worksheets[1]
    assert order.max_row == 2 + len(on_first + on_second)  # the title, the header, every row
