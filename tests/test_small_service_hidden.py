"""Small-number suppression seen through the access matrix: service D has three staff, and
every aggregate page about it, or across services, shows «skjult» and never its staff count,
to D's own municipality, the county governor and the nation. The pages are discovered from the
matrix's rules, so a new aggregate page is covered without anyone remembering."""

from __future__ import annotations

import io
import json
import re
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.access_rules import AGGREGATE, RULES
from tests.access_targets import MUNICIPAL_D, SmallWorld, assert_no_person_data, sent_report

#: Aggregate pages about one service (the service in the path).
SERVICE_AGGREGATE_PAGES = sorted(
    name
    for name, rule in RULES.items()
    if rule.target == "service" and rule.allowed_own >= AGGREGATE
)
#: Aggregate pages across every service the user sees.
ACROSS_SERVICES_PAGES = sorted(
    name for name, rule in RULES.items() if rule.target is None and rule.allowed_own == AGGREGATE
)
#: Pages with no figures (a list of reports), and pages whose figures are not about staff
#: (the study places in the nation): only the names are checked there.
NO_STAFF_FIGURES = {"reports_service:index", "projection:capacity"}
#: Pages that hide a figure with a sentence instead of «skjult».
HIDDEN_BY_SENTENCE = {"projection_service:service": "antallet den bygger på, er skjult"}
#: D's status report, sent to the council: the page and the document as downloaded.
REPORT_PAGES = ["reports:detail", "reports:download"]
D_VIEWERS = [MUNICIPAL_D, "county", "national"]
HIDDEN = "skjult"
D_STAFF = 3  # current staff of D: headcount 3, FTE 3,0


def test_the_suppression_pages_are_the_expected_ones():
    assert SERVICE_AGGREGATE_PAGES == [
        "competence:service",
        "organisations:detail",
        "projection_service:service",
        "reports_service:index",
        "supervision:service",
        "workforce:export",
        "workforce:service",
    ]
    assert ACROSS_SERVICES_PAGES == [
        "competence_overview:overview",
        "organisations:overview",
        "projection:capacity",
        "workforce_overview:export",
        "workforce_overview:overview",
    ]


def _texts(response) -> tuple[str, list[str]]:
    """The page as text, and its figures: the numbers in the HTML's text and in its charts'
    data, or an Excel workbook's numeric cells."""
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        text = unescape(
            re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))
        )
        without_headings = re.sub(r"<h[1-6]\b.*?</h[1-6]>", "", html, flags=re.S)  # «3 Ansatte»
        figures = re.findall(
            r"(?<![\w.,:-])\d+(?:,\d+)?(?![\w.,:-])",
            unescape(
                re.sub(
                    r"<[^>]+>",
                    " ",
                    re.sub(r"<script.*?</script>", "", without_headings, flags=re.S),
                )
            ),
        )
        for spec in re.findall(r'data-vega-json="([^"]*)"', html):
            data = json.loads(unescape(spec)).get("data", {})
            for item in data.get("values", []):
                figures += [str(v) for v in item.values() if isinstance(v, int | float)]
        return text, figures
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [v for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row]
    text = " ".join(str(v) for v in cells if v is not None)
    return text, [str(v) for v in cells if isinstance(v, int | float)]


def _is_staff_count(figure: str) -> bool:
    return figure.replace(",", ".") in {str(D_STAFF), f"{D_STAFF}.0"}


def _d_page(world: SmallWorld, name: str) -> str:
    if name in REPORT_PAGES:
        fmt = {"fmt": "html"} if name == "reports:download" else {}
        return reverse(name, kwargs={"report_id": sent_report(world.service_d).pk, **fmt})
    return reverse(name, kwargs={"pk": world.service_d.pk})


@pytest.mark.parametrize("role", D_VIEWERS)
@pytest.mark.parametrize("name", [*SERVICE_AGGREGATE_PAGES, *REPORT_PAGES])
def test_a_small_service_s_figures_are_hidden(client, small_world: SmallWorld, name, role):
    """Every aggregate page about D: 200, no name of D's staff, «skjult» shown, and D's staff
    count appears nowhere as a figure."""
    world = small_world
    client.force_login(world.user(role))
    response = client.get(_d_page(world, name))
    assert response.status_code == 200, (name, role)
    assert_no_person_data(response, world)
    if name in NO_STAFF_FIGURES:
        return
    text, figures = _texts(response)
    assert HIDDEN_BY_SENTENCE.get(name, HIDDEN) in _without_explanation(text), (name, role)
    assert not [f for f in figures if _is_staff_count(f)], (name, role, "D's staff count shown")


def _without_explanation(text: str) -> str:
    """The page less its line that explains the label («… vises ikke («skjult»)»)."""
    return text.replace("«skjult»", "")


def _rows_naming(response, service_name: str) -> list[str]:
    if response["Content-Type"].startswith("text/html"):
        rows = re.findall(r"<tr\b.*?</tr>", response.content.decode(), flags=re.S)
        return [unescape(re.sub(r"<[^>]+>", " ", r)) for r in rows if service_name in r]
    workbook = load_workbook(io.BytesIO(response.content))
    return [
        " ".join("" if v is None else str(v) for v in row)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        if service_name in row
    ]


@pytest.mark.parametrize("role", D_VIEWERS)
@pytest.mark.parametrize("name", ACROSS_SERVICES_PAGES)
def test_a_small_service_s_row_is_hidden_across_services(
    client, small_world: SmallWorld, name, role
):
    """The pages across services: no name of D's staff, and D's own row (where the page has
    one per service) shows «skjult» and not D's staff count. Tydal's management sees D alone,
    so every staff figure on its page is D's."""
    world = small_world
    client.force_login(world.user(role))
    response = client.get(reverse(name))
    assert response.status_code == 200, (name, role)
    assert_no_person_data(response, world)
    if name in NO_STAFF_FIGURES:
        return
    text, figures = _texts(response)
    if role == MUNICIPAL_D:
        assert HIDDEN in _without_explanation(text)
        assert not [f for f in figures if _is_staff_count(f)], (name, role)
    for row in _rows_naming(response, world.service_d.name):
        assert HIDDEN in row, (name, role, row)
        assert not [f for f in re.findall(r"\d+(?:[,.]\d+)?", row) if _is_staff_count(f)], row
