"""Issue 16, item 8: charts that work on a phone. At 320 CSS px every chart on the competence,
workforce and national capacity pages is drawn, is no wider than its container, cuts no
label or title short, writes numbers the Norwegian way, and the page does not scroll sideways.
One screenshot per chart is kept."""

import re

import pytest
from playwright.sync_api import expect

from laget.organisations.models import Service
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

CHARTS = """() => [...document.querySelectorAll('.laget-chart__canvas')].map(c => {
  const svg = c.querySelector('svg');
  const box = c.getBoundingClientRect();
  const drawn = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].map(t => t.textContent);
  return {id: c.dataset.vegaSpec, container: box.width, left: drawn.left - box.left,
          right: drawn.right - box.right, width: drawn.width, texts};
})"""


def _check(session, name: str, count: int) -> list[str]:
    page = session.page
    expect(page.locator("[data-vega-ready='true']")).to_have_count(count, timeout=20_000)
    problems = []
    for chart in page.evaluate(CHARTS):
        where = f"{name}/{chart['id']}"
        if (
            chart["width"] > chart["container"] + 0.5
            or chart["left"] < -0.5
            or chart["right"] > 0.5
        ):
            problems.append(f"{where}: {chart['width']} px drawn in {chart['container']} px")
        cut = [t for t in chart["texts"] if t.endswith("…")]
        english = [t for t in chart["texts"] if re.search(r"\d,\d{3}\b|\d\.\d", t)]
        if cut or english:
            problems.append(f"{where}: cut {cut}, English numbers {english}")
    session.screenshot(f"phone-320-charts-{name}")
    for i, figure in enumerate(page.locator("figure.laget-chart").all()):
        figure.screenshot(path=str(SCREENSHOTS / f"phone-320-chart-{name}-{i}.png"))
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1]:
        problems.append(f"{name}: the page is {width[0]} px wide at {width[1]} px")
    return problems


def test_every_chart_fits_a_320_px_screen(new_session, demo):
    trondheim = Service.objects.get(slug="trondheim")
    leader = new_session()
    leader.page.set_viewport_size({"width": 320, "height": 800})
    leader.login("leder.trondheim")
    leader.goto(f"/tjenester/{trondheim.pk}/kompetanse/")
    problems = _check(leader, "competence", 3)  # status, timeline, projection
    # the turnover chart names its line in a legend (no «gjennomtrekk»: no source defines it)
    leader.goto(f"/tjenester/{trondheim.pk}/bemanning/")
    problems += _check(leader, "workforce", 3)  # turnover, sick leave, applicants
    turnover = leader.page.locator("[data-vega-spec='turnover-chart-spec'] svg text")
    # at 320 px the legend wraps its label over lines (tspans): its letters, in order
    legend_text = "".join("".join(turnover.all_text_contents()).split())
    assert "Sluttetitjenesten(turnover)" in legend_text

    national = new_session()
    national.page.set_viewport_size({"width": 320, "height": 800})
    national.login("nasjonal")
    national.goto("/nasjonalt/kapasitet/")
    problems += _check(national, "capacity", 1)
    labels = national.page.locator("[data-vega-spec='kapasitetsdiagram-spec'] svg text")
    assert "2\u00a0700" in labels.all_text_contents()  # each bar's number, thousands separated
    assert problems == [], "\n".join(problems)
