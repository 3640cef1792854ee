"""User journeys in headless Chromium: what a leader and a county user see."""

import re

import pytest
from playwright.sync_api import expect

from laget.organisations.models import Service

pytestmark = pytest.mark.browser


def test_leader_logs_in_sees_own_service_and_staff_but_not_another_service(session, demo):
    trondheim = Service.objects.get(slug="trondheim")
    froya = Service.objects.get(slug="froya")
    session.login("leder.trondheim")
    page = session.page
    expect(page).to_have_url(re.compile(rf"/tjenester/{trondheim.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Trondheim barneverntjeneste")
    expect(page.get_by_text("Demodata")).to_be_visible()
    assert session.axe_violations() == []
    session.screenshot("leader-service")

    page.get_by_role("link", name="Se ansattlisten").click()
    expect(page.get_by_role("table")).to_contain_text("Barnevernskonsulent")
    assert page.locator("tbody tr").count() == 50  # 50 a page, of the 100
    expect(page.locator("caption")).to_contain_text("100")
    assert session.axe_violations() == []
    session.screenshot("leader-staff")

    session.goto(f"/tjenester/{froya.pk}/ansatte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fant ikke siden")
    session.goto(f"/tjenester/{froya.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fant ikke siden")
    assert session.csp_violations() == []


def test_county_user_sees_aggregates_for_the_county_with_small_numbers_suppressed(session, demo):
    session.login("statsforvalter.trondelag")
    page = session.page
    expect(page).to_have_url(re.compile(r"/tjenester/$"))
    table = page.get_by_role("table")
    expect(table).to_contain_text("18 tjenester")
    froya_row = page.get_by_role("row").filter(has_text="Frøya barneverntjeneste")
    expect(froya_row).to_contain_text("skjult")
    expect(page.get_by_role("row").filter(has_text="Trondheim barneverntjeneste")).to_contain_text(
        "100"
    )
    assert session.axe_violations() == []
    session.screenshot("county-overview")

    # The network filter swaps only the table (HTMX), and the URL follows.
    page.get_by_label("Læringsnettverk").select_option(label="Kystregionen")
    expect(table).to_contain_text("5 tjenester")
    expect(page).to_have_url(re.compile(r"network="))
    session.screenshot("county-overview-kystregionen")

    page.get_by_role("link", name="Orkland barneverntjeneste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orkland barneverntjeneste")
    expect(page.get_by_text("Du ser samletall for tjenesten")).to_be_visible()
    expect(page.get_by_role("link", name="Se ansattlisten")).to_have_count(0)
    assert session.axe_violations() == []
    session.screenshot("county-service")

    orkland = Service.objects.get(slug="orkland")
    session.goto(f"/tjenester/{orkland.pk}/ansatte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fant ikke siden")
    assert session.csp_violations() == []


def test_employee_sees_only_own_page(session, demo):
    session.login("ansatt.trondheim")
    page = session.page
    expect(page).to_have_url(re.compile(r"/personer/meg/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Min side")
    expect(page.get_by_role("link", name="Tjenester")).to_have_count(0)
    assert session.axe_violations() == []
    session.screenshot("employee-own-page")


def test_failed_login_shows_an_accessible_error(session, demo):
    session.login("leder.trondheim", password="feil-passord")
    page = session.page
    expect(page.get_by_role("alert")).to_contain_text("Feil brukernavn eller passord")
    assert session.axe_violations() == []
    session.screenshot("login-error")


def test_the_accessibility_check_does_find_violations(session, live_server):
    """Guard for the checks above: axe must report a page that breaks WCAG."""
    session.goto("/helse/")
    session.page.set_content("<html><body><img src='x.png'><input type='text'></body></html>")
    violations = session.axe_violations()
    assert any(v.startswith("image-alt") for v in violations)
    assert any(v.startswith("html-has-lang") for v in violations)
