"""Issue 3 journeys in headless Chromium: competence status, roster import, proposals."""

import re

import pytest
from playwright.sync_api import expect

from laget.organisations.models import Service
from laget.people.tests.roster_files import row, xlsx

pytestmark = pytest.mark.browser


def test_leader_sees_competence_status_with_charts_and_what_is_missing(session, demo):
    trondheim = Service.objects.get(slug="trondheim")
    session.login("leder.trondheim")
    page = session.page
    page.get_by_role("link", name="Status mot kompetansekravet 2031").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kompetansekravet – Trondheim")
    expect(
        page.locator("[data-vega-spec='statusdiagram-spec'][data-vega-ready] svg")
    ).to_be_visible()
    expect(
        page.locator("[data-vega-spec='tidslinjediagram-spec'][data-vega-ready] svg")
    ).to_be_visible()
    projection = page.locator("#framskriving")
    expect(projection).to_contain_text("Alle som erstattes, ansettes med master", timeout=15000)
    expect(
        page.locator("[data-vega-spec='framskrivingsdiagram-spec'][data-vega-ready] svg")
    ).to_be_visible()
    page.get_by_label("Turnover per år (%)").fill("10")
    page.get_by_role("button", name="Beregn på nytt").click()
    expect(projection).to_contain_text("turnover 10")
    persons = page.locator("#personliste tbody tr")
    expect(persons.first).to_contain_text(re.compile("Kan ikke oppfylle|I faresonen"))
    expect(page.locator("#personliste")).to_contain_text("mangler")
    # 100 staff: the list is paged (50 a page) and searchable by name and status
    expect(page.locator("#personliste caption")).to_contain_text("viser 1–50")
    page.get_by_label("Status", exact=True).select_option("meets")
    expect(persons.first).to_contain_text("Oppfyller kravet")
    expect(page.locator("#personliste")).not_to_contain_text("I faresonen")
    assert session.axe_violations() == []
    assert session.csp_violations() == []
    session.screenshot("competence-leader")
    assert page.url.endswith(f"/tjenester/{trondheim.pk}/kompetanse/")


def test_county_user_sees_the_county_picture_without_names(session, demo):
    session.login("statsforvalter.trondelag")
    page = session.page
    page.get_by_role("link", name="Kompetansekravet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kompetansekravet i tjenestene")
    froya = page.get_by_role("row").filter(has_text="Frøya barneverntjeneste")
    expect(froya).to_contain_text("skjult")
    expect(page.locator("#personliste")).to_have_count(0)
    expect(
        page.locator("[data-vega-spec='statusdiagram-spec'][data-vega-ready] svg")
    ).to_be_visible()
    # tables by role and path are per service: summed over services they would tie every
    # service's tables together
    expect(page.locator("[data-vega-spec='tidslinjediagram-spec']")).to_have_count(0)
    expect(page.get_by_text("vises for hver tjeneste for seg")).to_be_visible()
    assert session.axe_violations() == []
    assert session.csp_violations() == []
    session.screenshot("competence-county")


def test_leader_imports_a_roster_bad_file_first_then_a_good_one(session, demo, tmp_path):
    froya = Service.objects.get(slug="froya")
    session.login("leder.froya")
    page = session.page
    session.goto(f"/tjenester/{froya.pk}/ansatte/")
    page.get_by_role("link", name="Importer ansattliste fra HR-systemet").click()
    bad = tmp_path / "ansatte-feil.xlsx"
    bad.write_bytes(
        xlsx(
            [
                row(employee_number="N1", fte_percent="150"),
                row(employee_number="N2", given_name="Ola", role_category="sjef"),
            ]
        )
    )
    page.get_by_label("Fil fra HR-systemet").set_input_files(str(bad))
    page.get_by_role("button", name="Last opp og sjekk").click()
    expect(page.get_by_role("alert")).to_contain_text("Filen har 2 feil. Ingenting er importert.")
    expect(page.locator("#feil")).to_contain_text("sjef")
    assert session.axe_violations() == []
    session.screenshot("import-errors")

    good = tmp_path / "ansatte.xlsx"
    good.write_bytes(
        xlsx(
            [
                row(employee_number="N1"),
                row(employee_number="N2", given_name="Ola", birth_year="1990"),
            ]
        )
    )
    page.get_by_role("link", name="Last opp en rettet fil").click()
    page.get_by_label("Fil fra HR-systemet").set_input_files(str(good))
    page.get_by_role("button", name="Last opp og sjekk").click()
    expect(page.locator(".laget-keyfigures")).to_contain_text("Nye ansatte")
    session.screenshot("import-preview")
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("status")).to_contain_text("Importert: 2 nye")
    expect(page.get_by_role("table")).to_contain_text("Ola Nordmann")
    assert session.axe_violations() == []
    session.screenshot("import-done")


def test_employee_proposes_a_correction_and_the_leader_approves(new_session, demo):
    employee = new_session()
    employee.login("ansatt.trondheim")
    page = employee.page
    page.get_by_role("link", name="Foreslå videreutdanning").click()
    page.get_by_label("Emne").fill("Kommunikasjon med barn")
    page.get_by_label("Studiepoeng").fill("15")
    page.get_by_label("Status").select_option("completed")
    page.get_by_label("Slutt", exact=True).fill("2025-06-30")
    page.get_by_label("Kommentar til lederen (valgfritt)").fill("Fullført i fjor")
    assert employee.axe_violations() == []
    page.get_by_role("button", name="Send forslag").click()
    expect(page.get_by_role("status")).to_contain_text("Forslaget er sendt")
    expect(page.locator(".laget-proposals")).to_contain_text("Venter på leder")
    employee.screenshot("proposal-employee")
    person_url = page.url

    leader = new_session()
    leader.login("leder.trondheim")
    from laget.accounts.models import User

    person_pk = User.objects.get(username="ansatt.trondheim").person.pk
    leader.goto(f"/personer/{person_pk}/")
    leader.page.get_by_role("button", name="Godkjenn og legg inn").click()
    expect(leader.page.get_by_role("status")).to_contain_text("Forslaget er behandlet")
    expect(leader.page.get_by_role("table", name="Videreutdanning")).to_contain_text(
        "Kommunikasjon med barn"
    )
    assert leader.axe_violations() == []
    leader.screenshot("proposal-approved")
    assert person_url.endswith("/personer/meg/")
