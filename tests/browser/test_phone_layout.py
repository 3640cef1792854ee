"""Issue 16, item 8: Laget on a phone. At 320 CSS px (WCAG 2.1's reflow criterion) and 390 px
the page never scrolls sideways (only a table's own scroll container may), the h1 is whole, the
header is compact and axe finds nothing serious, on the leader's start page, the competence page
and the supervision session form."""

import pytest

from laget.organisations.models import Service
from laget.supervision.models import SupervisionPlan

pytestmark = pytest.mark.browser

WIDTHS = (320, 390)
LAYOUT = """() => {
  const h1 = document.querySelector('h1').getBoundingClientRect();
  const header = document.querySelector('.laget-header').getBoundingClientRect();
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                 && !(e.parentElement && e.parentElement.closest('.laget-table-scroll')))
    .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.'))
    .slice(0, 5);
  const tables = [...document.querySelectorAll('main table')]
    .filter(t => !t.closest('.laget-table-scroll')).length;
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
          h1Left: h1.left, h1Right: h1.right, header: header.height, wide, tables};
}"""


def _pages(demo) -> dict[str, str]:
    trondheim = Service.objects.get(slug="trondheim")
    plan = (
        SupervisionPlan.objects.filter(service=trondheim, ends_on__isnull=True)
        .order_by("pk")
        .first()
    )
    return {
        "start": "/",
        "competence": f"/tjenester/{trondheim.pk}/kompetanse/",
        "session-form": f"/tjenester/{trondheim.pk}/veiledning/planer/{plan.pk}/",
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_leader_pages_reflow_on_a_phone(session, demo, width):
    session.page.set_viewport_size({"width": width, "height": 800})
    session.login("leder.trondheim")
    problems = []
    for name, path in _pages(demo).items():
        session.goto(path)
        session.page.wait_for_load_state("networkidle")
        if name == "session-form":
            assert session.page.locator("#samtaleskjema").is_visible()
        layout = session.page.evaluate(LAYOUT)
        session.screenshot(f"phone-{width}-{name}")
        if layout["scrollWidth"] > layout["innerWidth"]:
            problems.append(f"{name}: page {layout['scrollWidth']} px wide: {layout['wide']}")
        if layout["h1Left"] < 0 or layout["h1Right"] > layout["innerWidth"]:
            problems.append(f"{name}: h1 cut ({layout['h1Left']}–{layout['h1Right']})")
        if layout["tables"]:
            problems.append(f"{name}: {layout['tables']} tables without a scroll container")
        if width == 390 and layout["header"] > 160:
            problems.append(f"{name}: header {layout['header']} px high")
        problems += [f"{name}: {v}" for v in session.axe_violations()]
    assert problems == [], "\n".join(problems)


def test_the_menu_opens_and_leads_somewhere_on_a_phone(session, demo):
    session.page.set_viewport_size({"width": 320, "height": 800})
    session.login("leder.trondheim")
    menu = session.page.locator(".laget-header details")
    if menu.count():  # a disclosure menu on small screens: every link is one tap away
        menu.locator("summary").click()
    link = session.page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Min tjeneste"
    )
    assert link.is_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    session.screenshot("phone-320-menu-open")
    link.click()
    session.page.wait_for_load_state("networkidle")
    assert "Trondheim" in session.page.locator("h1").inner_text()
