import re
from datetime import date

import pytest
from django.urls import reverse

from laget.core.models import AuditEntry
from laget.planning.models import CompetencePlan, Measure
from laget.planning.selectors import plan_projection
from tests.factories import staff_with_register

pytestmark = pytest.mark.django_db


def detail(plan):
    return reverse("planning:detail", kwargs={"pk": plan.service_id, "year": plan.year})


def add_url(plan):
    return reverse("planning:measure_add", kwargs={"pk": plan.service_id, "year": plan.year})


@pytest.fixture
def plan(client, world):
    client.force_login(world.user("leader"))
    client.post(reverse("planning:index", kwargs={"pk": world.service_a.pk}), {"year": "2026"})
    return CompetencePlan.objects.get(service=world.service_a, year=2026)


def further_for(someone, **extra):
    return {
        "kind": "further_education",
        "person": str(someone.pk),
        "title": "Barnevernfaglig videreutdanning",
        "credits": "30",
        "semester": "H2027",
        "ends_on": "2028-06-30",
        "cost": "25000",
        "grant_outcome": "applied",
        **extra,
    }


def test_the_four_phases_save_and_the_plan_moves_on(client, world, plan):
    assert plan.created_by == world.user("leader") and plan.phase == "mapping"
    response = client.post(
        detail(plan),
        {"phase": "mapping", "other_needs": ["law", "minority"], "mapping_notes": "Få med master"},
    )
    assert response.status_code == 302
    client.post(
        detail(plan),
        {
            "phase": "need",
            "future_need": "Alle saksbehandlere med master innen 2030",
            "horizon_year": "2030",
        },
    )
    plan.refresh_from_db()
    assert (plan.other_needs, plan.phase, plan.horizon_year) == (["law", "minority"], "need", 2030)
    client.post(detail(plan), {"phase": "mapping", "mapping_notes": "Rettet"})
    plan.refresh_from_db()
    assert plan.phase == "need"  # going back to an earlier phase does not move the plan back
    assert AuditEntry.objects.filter(object_type="planning.CompetencePlan").count() == 4


def test_bad_phase_input_is_explained(client, world, plan):
    response = client.post(detail(plan), {"phase": "need", "horizon_year": "2050"})
    assert (
        response.status_code == 400 and "horizon_year" in response.context["forms"]["need"].errors
    )
    assert client.post(detail(plan), {"phase": "magic"}).status_code == 404


def test_a_study_measure_for_an_at_risk_person_raises_the_projection(client, world, plan):
    staff = staff_with_register(world.service_a, 10, credits=0)
    before = plan_projection(plan, date(2026, 11, 23), runs=400)
    for employment in staff[:3]:
        response = client.post(
            add_url(plan), further_for(employment.person), headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
    after = plan_projection(plan, date(2026, 11, 23), runs=400)
    assert before.with_plan.at_deadline == before.without_plan.at_deadline
    assert (
        after.with_plan.at_deadline.expected_share > after.without_plan.at_deadline.expected_share
    )
    # the effect in persons, which a whole-percent share may be too coarse to show
    assert before.added_persons == 0 and after.added_persons > 0
    assert after.added_persons == pytest.approx(
        (after.with_plan.at_deadline.expected_share - after.without_plan.at_deadline.expected_share)
        * after.with_plan.persons
    )
    page = client.get(detail(plan)).content.decode()
    assert re.search(r"Med tiltakene ventes <strong>\d+,\d</strong> flere ansatte", page)
    plan.refresh_from_db()
    assert plan.phase == "measures" and plan.measures.count() == 3


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"person": ""}, "person"),
        ({"ends_on": ""}, "ends_on"),
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"credits": ""}, "credits"),
        ({"credits": "400"}, "credits"),
        ({"semester": "høst"}, "semester"),
    ],
)
def test_bad_measures_are_explained_and_nothing_saved(client, world, plan, changes, field):
    response = client.post(
        add_url(plan), further_for(world.person_a, **changes), headers={"HX-Request": "true"}
    )
    assert response.status_code == 400 and field in response.context["measure_form"].errors
    assert not Measure.objects.exists()


def test_a_measure_cannot_name_someone_from_another_service(client, world, plan):
    response = client.post(add_url(plan), further_for(world.person_c))
    assert response.status_code == 400 and "person" in response.context["measure_form"].errors


def test_the_plan_page_is_for_the_services_leaders_only(client, world, plan):
    for role in ("municipal", "county", "national", "employee"):
        client.force_login(world.user(role))
        assert client.get(detail(plan)).status_code == 404


def test_saving_the_mapping_keeps_a_snapshot_the_evaluation_compares_with(client, world, plan):
    client.post(detail(plan), {"phase": "mapping", "mapping_notes": "Start"})
    plan.refresh_from_db()
    assert (
        plan.mapping_snapshot["statuses"]["cannot_meet"] == 6
    )  # the world's six staff have no degree
    staff_with_register(world.service_a, 5)  # five more who meet it
    rows = client.get(detail(plan)).context["evaluation_rows"]
    meets = next(r for r in rows if r[0] == "Oppfyller kravet")
    assert (meets[1], meets[2]) == (0, 5)
