"""The national capacity page: moving a slider recomputes with HTMX."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_national_user_moves_the_turnover_slider(session, demo):
    session.login("nasjonal")
    page = session.page
    page.get_by_role("link", name="Nasjonal kapasitet").click()
    result = page.locator("#kapasitet-resultat")
    expect(result).to_contain_text("1\u00a0700")  # thousands separated
    expect(result.get_by_role("row", name="Manglende mastere per år")).to_contain_text("980")
    expect(
        page.locator("[data-vega-spec='kapasitetsdiagram-spec'][data-vega-ready] svg")
    ).to_be_visible()
    assert session.axe_violations() == []
    page.get_by_label("Turnover per år (%)").fill("15")
    expect(result.get_by_role("row", name="Slutter per år")).to_contain_text("960")
    expect(result.get_by_role("row", name="Manglende mastere per år")).to_contain_text("660")
    expect(page.locator("output[for='id_annual_turnover']")).to_have_text("15 %")
    expect(
        page.locator("[data-vega-spec='kapasitetsdiagram-spec'][data-vega-ready] svg")
    ).to_be_visible()
    assert "annual_turnover=15" in page.url
    # the chart writes numbers the Norwegian way: «2 500», never «2,500» or «0.5»
    labels = page.locator("[data-vega-spec='kapasitetsdiagram-spec'] svg text").all_text_contents()
    assert any(re.search(r"\d", label) for label in labels), labels
    assert not [t for t in labels if re.search(r"\d,\d{3}\b|\d\.\d", t)], labels
    assert session.axe_violations() == []
    assert session.csp_violations() == []
    session.screenshot("capacity-national")
