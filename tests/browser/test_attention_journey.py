"""What the start pages ask users to look at (issue 16), in headless Chromium."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from laget.reports.attention import last_report_due

pytestmark = pytest.mark.browser


def test_county_user_follows_a_count_to_exactly_those_services(session, demo):
    # the demo has sent Trondheim's report about last year, which is due from July on
    today = timezone.localdate()
    missing = 17 if last_report_due(today) == today.year - 1 else 18
    session.login("statsforvalter.trondelag")
    page = session.page
    block = page.locator("section", has=page.get_by_role("heading", name="Dette bør dere se på"))
    link = block.get_by_role("link", name=re.compile("har ikke sendt tilstandsrapporten"))
    expect(link).to_contain_text(f"{missing} tjenester")
    assert session.axe_violations() == []
    session.screenshot("county-attention")
    link.click()
    expect(page).to_have_url(re.compile(r"\?vis=uten-rapport$"))
    table = page.locator("#tjenestetabell table")
    expect(table).to_contain_text(f"{missing} tjenester")
    trondheim = table.get_by_role("row").filter(has_text="Trondheim barneverntjeneste")
    expect(trondheim).to_have_count(0 if missing == 17 else 1)
    # the other filters narrow the same list (HTMX), and the URL keeps both
    page.get_by_label("Læringsnettverk").select_option(label="Kystregionen")
    expect(page).to_have_url(re.compile(r"vis=uten-rapport"))
    expect(page).to_have_url(re.compile(r"network="))
    expect(table).to_contain_text("5 tjenester")  # Kystregionen's five, none has sent it
    page.get_by_label("Læringsnettverk").select_option(label="Alle nettverk")
    page.get_by_label("Vis").select_option(label="Alle tjenester")
    expect(table).to_contain_text("18 tjenester")
    expect(page).not_to_have_url(re.compile(r"vis=uten-rapport"))
    session.screenshot("county-attention-filtered")
    assert session.csp_violations() == []


def test_phone_width_keeps_the_counts_readable(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 320, "height": 800}, locale="nb-NO")
    from tests.browser.conftest import Session

    session = Session(context.new_page(), live_server.url)
    session.login("leder.trondheim")
    page = session.page
    block = page.locator("section", has=page.get_by_role("heading", name="Dette venter på deg"))
    expect(block.get_by_role("link", name=re.compile("i faresonen eller uten"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    session.screenshot("leader-attention-320")
    context.close()
