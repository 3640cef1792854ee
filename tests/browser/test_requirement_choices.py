"""Issue 15 in headless Chromium: a leader registers an exemption and records that the
requirement also covers staff in tiltak, at desktop and phone widths."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_leader_registers_an_exemption_and_the_coverage(session, demo, width):
    page = session.page
    page.set_viewport_size({"width": width, "height": 900})
    session.login("leder.trondheim")
    page.get_by_role("link", name="Status mot kompetansekravet 2031").click()
    expect(page.locator("#kravets-omfang")).to_contain_text("ikke for ansatte i tiltak")
    expect(page.locator("#formell-utdanning")).to_contain_text("58\u00a0%")

    page.get_by_role("link", name="Unntak fra kravet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Unntak fra kompetansekravet")
    page.get_by_role("button", name="Registrer unntak").click()  # empty: every error named
    summary = page.locator(".ds-error-summary")
    expect(summary).to_contain_text("Innvilget av")
    assert session.axe_violations() == []
    page.get_by_label("Person").select_option(index=1)
    page.get_by_label(re.compile("^Innvilget av")).fill("Statsforvalteren i Trøndelag")
    for label, day in (
        ("Vedtaksdato", "2026-11-02"),
        ("Gjelder fra", "2026-11-02"),
        ("Gjelder til og med", "2027-12-31"),
    ):
        page.get_by_label(re.compile(f"^{label}")).fill(day)  # «(må fylles ut)» follows
    page.get_by_role("button", name="Registrer unntak").click()
    expect(page.locator(".laget-table")).to_contain_text("Statsforvalteren i Trøndelag")
    assert session.axe_violations() == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    session.screenshot(f"exemptions-{width}")

    page.goto(page.url.replace("/unntak/", "/omfang/"))
    page.get_by_label("Tiltak").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#kravets-omfang")).to_contain_text("også for ansatte i tiltak")
    expect(page.locator(".laget-status--exempt").first).to_be_visible(timeout=15000)
    assert session.axe_violations() == []
    session.screenshot(f"competence-after-choices-{width}")
