import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from laget.domain.projection.capacity import REPORT_2022


def run(*args) -> dict:
    out = StringIO()
    call_command("capacity", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_command_gives_the_reports_figures(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(REPORT_2022))
    result = run("--scenario", str(path), "--json")
    assert [
        result[k]
        for k in (
            "bachelor_or_less",
            "non_compliant_now",
            "years_until_deadline",
            "completions_until_deadline",
            "non_compliant_covered_by_further_education",
            "remaining_non_compliant",
            "leavers_per_year",
            "master_graduates_per_year",
            "annual_master_shortfall",
        )
    ] == [5400, 2700, 8, 2000, 1000, 1700, 1280, 300, 980]


def test_bad_scenarios_are_explained(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps({**REPORT_2022, "annual_turnover": 20}))
    with pytest.raises(CommandError, match=r"skriv 20 % som 0\.2"):
        run("--scenario", str(path), "--json")
    path.write_text("{ikke json")
    with pytest.raises(CommandError, match="er ikke gyldig JSON"):
        run("--scenario", str(path), "--json")
    with pytest.raises(CommandError, match="Kan ikke lese"):
        run("--scenario", str(tmp_path / "finnes-ikke.json"), "--json")


@pytest.mark.django_db
def test_the_national_page_computes_and_updates_with_htmx(client, world):
    from django.urls import reverse

    client.force_login(world.user("national"))
    url = reverse("projection:capacity")
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["result"].annual_master_shortfall == 980
    partial = client.get(
        url,
        {**dict(page.context["form"].data), "annual_turnover": "15"},
        headers={"HX-Request": "true"},
    )
    assert "<html" not in partial.content.decode()
    assert partial.context["result"].leavers_per_year == 960
    assert partial.context["chart"]["data"]["values"][2]["antall"] == 960


@pytest.mark.django_db
def test_bad_values_on_the_page_are_explained(client, world):
    from django.urls import reverse

    client.force_login(world.user("county"))
    response = client.get(
        reverse("projection:capacity"),
        {"staff_subject_to_requirement": "mange", "staff_with_master": "1000"},
    )
    assert response.status_code == 400
    assert "Scenarioet kan ikke regnes ut" in response.content.decode()


@pytest.mark.django_db
def test_the_national_page_separates_thousands_and_says_what_the_figures_count(client, world):
    from django.urls import reverse

    client.force_login(world.user("national"))
    html = client.get(reverse("projection:capacity")).content.decode()
    for shown in (
        "5\u00a0400",
        "2\u00a0700",
        "2\u00a0000",
        "1\u00a0000",
        "1\u00a0700",
        "1\u00a0280",
    ):
        assert f'<td class="laget-num">{shown}</td>' in html or f"<strong>{shown}</strong>" in html
    assert ">5400<" not in html and ">1700<" not in html
    assert "gjelder hele landet" in html  # what the figures count, and for whom
