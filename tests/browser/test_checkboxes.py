"""Issue 16, item 2: checkboxes and radio buttons are Designsystemet's (core/choice.html), a box
of at least 16 × 16 px whose checked state looks different, at 1366 and 390 px."""

import pytest
from playwright.sync_api import expect

from laget.organisations.models import Service

pytestmark = pytest.mark.browser

LOOK = """(el) => {
  const s = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {width: box.width, height: box.height, background: s.backgroundColor,
          image: s.backgroundImage, appearance: s.appearance};
}"""


def _assert_a_real_checkbox(box) -> None:
    box.scroll_into_view_if_needed()
    before = box.evaluate(LOOK)
    assert before["width"] >= 16 and before["height"] >= 16, before
    assert abs(before["width"] - before["height"]) < 1, before  # a box, not a bar
    unchecked_pixels = box.screenshot()
    box.check()
    after = box.evaluate(LOOK)
    assert after["width"] == before["width"] and after["height"] == before["height"]
    assert after["background"] != before["background"], (before, after)
    assert "gradient" in after["image"] and "gradient" not in before["image"]  # the tick
    assert box.screenshot() != unchecked_pixels
    box.uncheck()
    assert box.evaluate(LOOK) == before


@pytest.mark.parametrize("width", [1366, 390])
def test_checkboxes_and_radios_are_boxes_with_a_tick(new_session, demo, width):
    trondheim = Service.objects.get(slug="trondheim")
    session = new_session()
    session.page.set_viewport_size({"width": width, "height": 900})
    session.login("leder.trondheim")
    page = session.page
    # the persons of a new supervision plan: one checkbox per employee
    session.goto(f"/tjenester/{trondheim.pk}/veiledning/ny-plan/")
    persons = page.locator("input[type=checkbox][name=persons]")
    expect(persons.first).to_be_visible()
    assert persons.count() > 20
    _assert_a_real_checkbox(persons.first)
    # its label ticks it too, and the field is Designsystemet's markup
    label = page.locator(f"label[for='{persons.first.get_attribute('id')}']")
    label.click()
    expect(persons.first).to_be_checked()
    assert persons.first.evaluate("(el) => el.parentElement.className") == ("ds-field laget-choice")
    session.screenshot(f"checkboxes-new-plan-{width}")
    # the comparisons of a new report
    session.goto(f"/tjenester/{trondheim.pk}/tilstandsrapport/")
    # the county and the nation are compared by default (the initial values are ticked)
    expect(page.locator("input[type=checkbox][name=comparisons]:checked")).to_have_count(2)
    first = page.locator("input[type=checkbox][name=comparisons]").first
    expect(first).not_to_be_checked()
    _assert_a_real_checkbox(first)
    session.screenshot(f"checkboxes-report-{width}")
    assert session.axe_violations() == [] and session.csp_violations() == []
