import json
import re
from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from laget.core.models import AuditEntry
from laget.organisations.models import Municipality
from laget.projection.models import ServiceGoal
from laget.projection.selectors import NATIONAL_TURNOVER, turnover_for
from laget.projection.services import service_goal_set
from tests.factories import ServiceFactory, staff, staff_with_register

pytestmark = pytest.mark.django_db


def url(service):
    return reverse("projection_service:service", kwargs={"pk": service.pk})


def test_a_leader_sees_the_scenarios_side_by_side(client, world):
    staff_with_register(world.service_a, 10, credits=15)
    client.force_login(world.user("leader"))
    response = client.get(url(world.service_a), {"runs": "200"})
    projection = response.context["projection"]
    assert projection.forecasts[0].label == "Som i dag"
    assert len(projection.forecasts) == 4 and projection.forecasts[0].persons == 16
    assert projection.forecasts[0].parameters.runs == 200
    assert projection.turnover.rate == NATIONAL_TURNOVER
    body = response.content.decode()
    assert (
        "Alle som erstattes, ansettes med master" in body
        and 'data-vega-spec="framskrivingsdiagram-spec"' in body
    )


def test_htmx_returns_the_section_or_only_the_results(client, world):
    client.force_login(world.user("leader"))
    section = client.get(url(world.service_a), headers={"HX-Request": "true", "HX-Target": "lazy"})
    assert "<form" in section.content.decode() and "<html" not in section.content.decode()
    results = client.get(
        url(world.service_a),
        {"annual_turnover": "10"},
        headers={"HX-Request": "true", "HX-Target": "framskriving"},
    )
    # the results, and the form again out of band (so errors shown before are cleared)
    assert results.content.decode().count("<form") == 1 and 'hx-swap-oob="true"' in (
        results.content.decode()
    )
    assert 'id="framskriving-seksjon"' not in results.content.decode()
    assert results.context["projection"].forecasts[0].parameters.annual_turnover == pytest.approx(
        0.10
    )
    # the turnover typed is called the user's, not the service's own (issue 28)
    described = results.context["projection"].turnover.described
    assert described.startswith("turnoveren du skrev inn, i stedet for 20,0\u00a0%")
    assert "turnover 10\u00a0% per år (turnoveren du skrev inn" in results.content.decode()


def test_bad_parameters_are_explained(client, world):
    client.force_login(world.user("leader"))
    response = client.get(url(world.service_a), {"annual_turnover": "150", "runs": "mange"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"annual_turnover", "runs"}


def test_bad_parameters_from_the_form_return_the_section_with_its_errors(client, world):
    """htmx swaps a 400 (base.html): the whole section, retargeted, so the form shows why."""
    client.force_login(world.user("leader"))
    response = client.get(
        url(world.service_a),
        {"annual_turnover": "150"},
        headers={"HX-Request": "true", "HX-Target": "framskriving"},
    )
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#framskriving-seksjon"
    assert response["HX-Reswap"] == "outerHTML"
    body = response.content.decode()
    assert 'class="ds-error-summary"' in body and 'href="#id_annual_turnover"' in body


def test_a_county_user_sees_a_service_s_projection(client, world):
    client.force_login(world.user("county"))
    assert not client.get(url(world.service_a)).context["projection"].suppressed


def test_a_county_user_sees_nothing_for_a_service_under_five(client, world):
    tiny = ServiceFactory(host_municipality=Municipality.objects.get(number="5006"))
    staff_with_register(tiny, 3)
    client.force_login(world.user("county"))
    projection = client.get(url(tiny)).context["projection"]
    assert projection.suppressed and projection.forecasts == [] and projection.chart is None
    # a projection is shown exactly where the number it rests on is published (the count
    # of covered staff may be hidden to protect another service's too)
    subject = (
        client.get(reverse("competence:service", kwargs={"pk": world.service_a.pk}))
        .context["overview"]
        .subject
    )
    assert client.get(url(world.service_a)).context["projection"].suppressed == subject.suppressed


def test_own_turnover_is_used_when_the_history_is_long_enough(world):
    service = ServiceFactory(host_municipality=world.service_a.host_municipality)
    staff(service, 20, start_date=date(2018, 1, 1))
    staff(service, 5, start_date=date(2018, 1, 1), end_date=date(2024, 3, 31))
    choice = turnover_for(service, date(2026, 11, 23))
    # Reference dates 1 December: 2023 has 25 at risk and no leavers, 2024 has 25 and 5
    # leavers, 2025 has 20 and none: 5 of 70.
    assert choice.rate == pytest.approx(5 / 70)
    assert "egen turnover 2023–2025" in choice.described
    # «5 av 70» says what it counts; outside the service the counts are left out
    assert "ansatt 1. desember 2022–2024, til sammen 70, hadde 5 sluttet ett år senere" in (
        choice.described
    )
    assert choice.without_counts().described == "tjenestens egen turnover 2023–2025, KS-definisjon"
    assert turnover_for(world.service_a, date(2026, 11, 23)).rate == NATIONAL_TURNOVER


def test_the_forecast_command(world, tmp_path):
    staff_with_register(world.service_a, 5)
    out = StringIO()
    call_command("forecast", "--service", "a", "--runs", "300", "--seed", "9", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["deadline"] == "2031-01-01" and len(data["forecasts"]) == 4
    first = data["forecasts"][0]
    assert first["parameters"]["runs"] == 300 and first["points"][-1]["day"] == "2031-01-01"
    again = StringIO()
    call_command(
        "forecast", "--service", "a", "--runs", "300", "--seed", "9", "--json", stdout=again
    )
    assert json.loads(again.getvalue()) == data
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps({"annual_turnover": 0.1}))
    out = StringIO()
    call_command(
        "forecast",
        "--service",
        "a",
        "--scenario",
        str(scenario),
        "--runs",
        "100",
        "--json",
        stdout=out,
    )
    assert json.loads(out.getvalue())["forecasts"][0]["parameters"]["annual_turnover"] == 0.1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"annual_turnover": 20}, "annual_turnover: må være en andel"),
        ({"speed": 1}, "Ukjente nøkler: speed"),
        ({"annual_turnover": "høy"}, "Må være tall"),
    ],
)
def test_bad_forecast_scenarios_are_explained(world, tmp_path, content, message):
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps(content))
    with pytest.raises(CommandError, match=message):
        call_command(
            "forecast", "--service", "a", "--scenario", str(scenario), "--json", stdout=StringIO()
        )


def test_the_number_of_simulations_is_out_of_a_leader_s_way(client, world):
    """A setting for analysts: folded away unless it is wrong."""
    client.force_login(world.user("leader"))
    page = client.get(url(world.service_a)).content.decode()
    folded = page.split('<details class="laget-advanced"', 1)[1].split("</details>", 1)[0]
    assert 'name="runs"' in folded and not folded.startswith(" open")
    assert page.count('name="runs"') == 1
    page = client.get(url(world.service_a), {"runs": "mange"}).content.decode()
    assert '<details class="laget-advanced" open>' in page


def test_the_figures_that_could_be_misread_are_explained(client, world):
    """Why the expected share is below «hvis planene holder»; no target without the service's
    own (no source sets one), and with it the page says whose it is and what the places
    count; when more places are needed than there are staff, it says the goal needs more than
    further education."""
    staff_with_register(world.service_a, 10, credits=15)
    client.force_login(world.user("leader"))
    response = client.get(url(world.service_a), {"runs": "200"})
    projection, body = response.context["projection"], response.content.decode()
    assert "lavere enn andelen «hvis planene holder og ingen slutter»" in body
    assert "20\u00a0% slutter hvert år" in body
    assert "90" not in re.sub(r"<[^>]+>|\d{3,}", "", body).replace("9 0", "")
    assert "Ekstra videreutdanningsplasser" not in body
    assert "Tjenesten har ikke satt et eget mål" in body
    assert projection.goal is None
    assert projection.forecasts[0].additional_further_education_places is None

    service_goal_set(actor=world.user("leader"), service=world.service_a, percent=85)
    response = client.get(url(world.service_a), {"runs": "200"})
    projection, body = response.context["projection"], response.content.decode()
    assert projection.goal.percent == 85 and projection.goal.set_by == world.user("leader")
    assert "Ekstra videreutdanningsplasser for tjenestens eget mål (85 %)" in body
    assert "Målet på 85 % er tjenestens eget, satt av" in body
    assert "«Ekstra videreutdanningsplasser»: hvor mange flere av tjenestens egne ansatte" in body
    assert projection.forecasts[0].parameters.target_share == 0.85
    beyond = any(
        (f.additional_further_education_places or 0) > f.persons for f in projection.forecasts
    )
    assert projection.places_beyond_staff == beyond
    assert ("nås tjenestens eget mål ikke med videreutdanning alene" in body) == beyond
    # never more places than there are covered staff in a cell (issue 28: «131 ekstra
    # videreutdanningsplasser» for 74 covered)
    covered = projection.forecasts[0].persons
    assert beyond and f"flere enn de {covered} omfattede" in body  # 85 % of 16 with 6 at 0


def test_only_the_services_leaders_set_its_goal_and_it_is_audited(world):
    with pytest.raises(PermissionDenied):
        service_goal_set(actor=world.user("leader"), service=world.service_b, percent=80)
    service_goal_set(actor=world.user("leader"), service=world.service_a, percent=80)
    entry = AuditEntry.objects.filter(object_type="projection.ServiceGoal").get()
    assert entry.actor == world.user("leader") and "80" in entry.summary
    service_goal_set(actor=world.user("leader"), service=world.service_a, percent=None)
    assert not ServiceGoal.objects.exists()


def test_the_turnover_counts_stay_inside_the_service(client, world):
    """«5 av 70» is explained to the leader; the county governor sees the published scenarios,
    which use the national turnover (the service's own rests on its leavers, who could be
    fewer than five)."""
    service = ServiceFactory(host_municipality=world.service_a.host_municipality)
    staff(service, 20, start_date=date(2018, 1, 1))
    staff(service, 5, start_date=date(2018, 1, 1), end_date=date(2024, 3, 31))
    client.force_login(world.user("admin"))
    inside = client.get(url(service)).content.decode()
    # the years depend on today: three reference dates, 5 leavers among them
    assert re.search(r"ansatt 1\. desember \d{4}–\d{4}, til sammen \d+, hadde 5 sluttet", inside)
    client.force_login(world.user("county"))
    response = client.get(url(service))
    assert not response.context["projection"].suppressed
    outside = response.content.decode()
    assert "til sammen" not in outside and "tjenestens egen turnover" not in outside
    assert response.context["projection"].turnover.rate == NATIONAL_TURNOVER


def test_a_turnover_choice_stored_before_the_counts_were_split_off_still_reads():
    """Projections for users outside are stored pickled; one from before `basis` existed
    has no such attribute and must still render."""
    import pickle

    from laget.projection.selectors import TurnoverChoice

    old = object.__new__(TurnoverChoice)
    object.__setattr__(old, "__dict__", {"rate": 0.2, "source": "nasjonal turnover (KS, 20 %)"})
    read = pickle.loads(pickle.dumps(old))
    assert read.described == "nasjonal turnover (KS, 20 %)" and read.basis == ""


def test_an_administrator_sets_a_goal_in_the_admin_with_who_and_when_recorded(client, world):
    admin = world.user("admin")
    client.force_login(admin)
    response = client.post(
        reverse("admin:projection_servicegoal_add"),
        {"service": world.service_a.pk, "percent": "90"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    goal = ServiceGoal.objects.get()
    assert (goal.percent, goal.set_by) == (90, admin) and goal.set_at is not None
    assert AuditEntry.objects.filter(object_type="projection.ServiceGoal").exists()


def test_outside_the_service_the_scenarios_are_the_published_ones_and_take_no_parameters(
    client, world
):
    """Issue 26, item 4: a projection run with turnover 0 and completion 0, then 100, would
    publish the persons who depend on planned studies. Outside the service the page shows the
    published scenarios whatever the address asks for, and offers no form."""
    staff_with_register(world.service_a, 12)
    client.force_login(world.user("county"))
    plain = client.get(url(world.service_a))
    assert plain.status_code == 200 and plain.context["form"] is None
    assert 'name="annual_turnover"' not in plain.content.decode()
    assert "de publiserte scenarioene" in plain.content.decode()
    base = plain.context["projection"]
    assert base.turnover.rate == NATIONAL_TURNOVER
    for asked in (
        {"annual_turnover": "0", "completion_probability": "0"},
        {"annual_turnover": "0", "completion_probability": "100"},
        {"annual_turnover": "150", "runs": "mange"},
    ):
        response = client.get(url(world.service_a), asked)
        assert response.status_code == 200
        projection = response.context["projection"]
        assert [f.at_deadline for f in projection.forecasts] == [
            f.at_deadline for f in base.forecasts
        ]
        assert [f.parameters for f in projection.forecasts] == [
            f.parameters for f in base.forecasts
        ]
    # the service's own leader still changes them
    client.force_login(world.user("leader"))
    own = client.get(url(world.service_a), {"annual_turnover": "0"})
    assert own.context["form"] is not None
    assert own.context["projection"].forecasts[0].parameters.annual_turnover == 0
