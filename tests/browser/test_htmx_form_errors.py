"""Issue 16, item 1: every HTMX form answers. Submitted invalid, each shows its error summary
(htmx swaps 400 and 422, base.html's responseHandling) and focus moves to it; a request the
server fails (5xx) shows an alert instead of its error page or nothing."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_measure_without_a_title_shows_why_and_is_not_added(session, demo):
    session.login("leder.trondheim")
    page = session.page
    page.get_by_role("link", name="Kompetanseplan", exact=True).click()
    page.get_by_role("button", name="Start eller åpne plan").click()
    form = page.locator("#tiltak form[hx-post]")
    form.get_by_label("Type tiltak").select_option("course")
    form.get_by_role("button", name="Legg til tiltak").click()
    summary = page.locator("#tiltak .ds-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Tiltaket har feil som må rettes")
    expect(summary.get_by_role("link", name=re.compile("^Tiltak"))).to_be_visible()
    expect(page.locator("#tiltak table")).to_contain_text("Ingen tiltak ennå.")
    expect(summary).to_be_focused()  # moved there when htmx has settled the swap
    session.screenshot("htmx-errors-measure")
    assert session.axe_violations() == [] and session.csp_violations() == []
    # corrected, it is saved and the summary is gone
    form = page.locator("#tiltak form[hx-post]")
    form.get_by_label(re.compile(r"^Tiltak")).fill("Kurs i traumebevisst praksis")
    form.get_by_role("button", name="Legg til tiltak").click()
    expect(page.locator("#tiltak table")).to_contain_text("Kurs i traumebevisst praksis")
    expect(page.locator("#tiltak .ds-error-summary")).to_have_count(0)


def test_the_projection_with_turnover_150_shows_why_and_recovers(session, demo):
    session.login("leder.trondheim")
    page = session.page
    page.get_by_role("link", name="Status mot kompetansekravet 2031").click()
    results = page.locator("#framskriving")
    expect(results).to_contain_text("Alle som erstattes, ansettes med master", timeout=15000)
    page.get_by_label("Turnover per år (%)").fill("150")
    page.get_by_role("button", name="Beregn på nytt").click()
    summary = page.locator("#framskriving-seksjon .ds-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("Turnover per år"))).to_be_visible()
    expect(page.get_by_label("Turnover per år (%)")).to_have_attribute("aria-invalid", "true")
    expect(summary).to_be_focused()  # moved there when htmx has settled the swap
    session.screenshot("htmx-errors-projection")
    assert session.axe_violations() == [] and session.csp_violations() == []
    page.get_by_label("Turnover per år (%)").fill("10")
    page.get_by_role("button", name="Beregn på nytt").click()
    expect(page.locator("#framskriving")).to_contain_text("turnover 10")
    expect(page.locator("#framskriving-seksjon .ds-error-summary")).to_have_count(0)
    expect(page.get_by_label("Turnover per år (%)")).not_to_have_attribute("aria-invalid", "true")


def test_the_capacity_scenario_without_a_number_shows_why(session, demo):
    session.login("nasjonal")
    page = session.page
    page.get_by_role("link", name="Nasjonal kapasitet").click()
    page.get_by_label("Ansatte omfattet av kravet").fill("")
    page.get_by_role("button", name="Regn ut").click()
    summary = page.locator("#kapasitet-resultat .ds-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Scenarioet kan ikke regnes ut")
    expect(
        summary.get_by_role("link", name=re.compile("Ansatte omfattet av kravet"))
    ).to_be_visible()
    session.screenshot("htmx-errors-capacity")
    assert session.axe_violations() == [] and session.csp_violations() == []


def test_a_server_error_is_announced_and_its_page_never_swapped_in(session, demo):
    """The onboarding checklist's toggle cannot be invalid; when the server fails it says so."""
    session.login("ansatt.trondheim")
    page = session.page
    page.get_by_role("link", name="Min veiledning").click()
    page.route(
        "**/*",
        lambda route: (
            route.fulfill(status=500, body="<h1>Server Error (500)</h1>")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    checklist = page.locator("#sjekkliste")
    checklist.get_by_role("button", name=re.compile("Merk som gjort")).first.click()
    alert = checklist.locator(".laget-request-failed")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_contain_text("Noe gikk galt")
    expect(page.locator("body")).not_to_contain_text("Server Error")
    session.screenshot("htmx-errors-server-failure")
