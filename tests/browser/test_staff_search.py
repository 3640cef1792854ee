"""Issue 16, item 3: a leader with 100 staff finds one person in the staff list by typing
the name (HTMX narrows the table and keeps the search in the address), at 1366 and 390 px."""

from collections import Counter

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from laget.organisations.models import Service
from laget.people.models import Employment

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_typing_a_name_in_the_staff_list_shows_only_that_person(session, demo, width):
    trondheim = Service.objects.get(slug="trondheim")
    current = Employment.objects.active_on(timezone.localdate()).filter(service=trondheim)
    names = Counter(e.person.full_name for e in current.select_related("person"))
    wanted = sorted(name for name, n in names.items() if n == 1)[-1]
    session.page.set_viewport_size({"width": width, "height": 900})
    session.login("leder.trondheim")
    page = session.page
    session.goto(f"/tjenester/{trondheim.pk}/ansatte/")
    rows = page.locator("#ansattliste tbody tr")
    expect(rows).to_have_count(50)
    expect(page.locator("#ansattliste caption")).to_contain_text("viser 1–50")
    page.get_by_label("Søk på navn").press_sequentially(wanted.lower(), delay=20)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(wanted)
    expect(page.locator("#ansattliste caption")).to_contain_text(f"1 av {sum(names.values())}")
    assert "navn=" in page.url  # the search is in the address, to share or go back to
    page.reload()
    expect(rows).to_have_count(1)
    assert page.get_by_label("Søk på navn").input_value() == wanted.lower()
    if width < 500:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert session.axe_violations() == []
    assert session.csp_violations() == []
    session.screenshot(f"staff-search-{width}")
