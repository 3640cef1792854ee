"""A page that comes back with errors puts focus on what went wrong, not on <body>."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_wrong_password_puts_focus_on_the_error_summary(session, demo):
    session.login("leder.trondheim", password="feil-passord")
    page = session.page
    summary = page.locator(".ds-error-summary")
    expect(summary).to_contain_text("Innloggingen feilet")
    expect(summary).to_be_focused()
    assert session.axe_violations() == []
    assert session.csp_violations() == []
