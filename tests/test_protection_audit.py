"""The attack on everything a municipal, county or national user can open (issue 13).

For each of the demo's users outside the services, every aggregate page, filter, export and
report they can reach is requested, and every protected view the responses were built from
records itself in a ledger (`laget.domain.protection.ledger`). The pages come from the access
matrix's rules (a page added later is crawled without anyone remembering); the filters from
each page's own filter form, as a user would pick them. What all the responses published is
then attacked as one, the way statistical offices audit their tables: two linear programmes
per hidden figure, knowing which services each county, network and municipality has. No
figure resting on fewer than five persons may be placed in an interval narrower than five,
and none hidden in one place may be shown in another.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from html import unescape

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.competence.publication import competence_publication, service_unit
from laget.core.numbers import half_up
from laget.core.templatetags.laget import _rounded
from laget.core.xlsx import XLSX_CONTENT_TYPE as XLSX
from laget.demo.services import demo_create
from laget.domain.competence import stated
from laget.domain.protection import audit, combined, narrowest, recording
from laget.domain.protection.stated import StatedText, apply
from laget.organisations.models import Service
from laget.reports.access import reports_visible
from laget.reports.audit import Outcome
from laget.reports.checking import audit_reports
from laget.reports.models import StatusReport
from tests.access_rules import RULES
from tests.test_small_service_hidden import (
    ACROSS_SERVICES_PAGES,
    REPORT_PAGES,
    SERVICE_AGGREGATE_PAGES,
)

pytestmark = [pytest.mark.django_db, pytest.mark.audit]

#: The demo's users outside the services: a municipality, a county governor, the nation.
USERS = ["kommune.trondheim", "statsforvalter.trondelag", "nasjonal"]
FILTERS = ("county", "network")
#: Pages that show figures no protected view gives, and which. Each is a rate, an average or
#: a figure about something other than staff, hidden by its own rule (it rests on fewer than
#: five persons, or the persons it counts or the rest are fewer than five), which no table
#: on any page adds up with: see the README's «Small numbers stay hidden».
BY_THEIR_OWN_RULE: dict[str, str] = {
    "organisations:overview": "årsverk (FTE): no count of persons; hidden with its head count",
    "organisations:detail": "årsverk (FTE): hidden with its head count",
    "workforce:service": "FTE and tenure (hidden with the head count); churn (a rate hidden "
    "with its protected hires and separations); sick-leave rates (days over days, hidden "
    "below five persons behind them); early leavers (shares hidden when the leavers or the "
    "rest are fewer than five); recruitment: vacancies (positions, not persons) and averages "
    "(hidden below five vacancies or hires)",
    "workforce:export": "the service page's figures, as a workbook",
    "workforce_overview:overview": "the service page's figures, for several services",
    "workforce_overview:export": "the same, as a workbook",
    "supervision:service": "sessions by supervisor (sessions, not persons), shares of "
    "sessions held, check-in averages, and staff overdue (hidden below five persons, and "
    "for a none of fewer than five)",
}


def _filter_values(html: str) -> list[tuple[str, str]]:
    """Every option of the page's filter selects, as a user would choose them one at a time."""
    found = []
    for name in FILTERS:
        select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, flags=re.S)
        if select:
            found += [
                (name, unescape(value))
                for value in re.findall(r'<option[^>]*value="([^"]+)"', select.group(1))
            ]
    return found


def _reports_pages(user: User) -> list[str]:
    pages = []
    for report in StatusReport.objects.exclude(snapshot=None).order_by("pk"):
        for name in REPORT_PAGES:
            extra = {"fmt": "html"} if name == "reports:download" else {}
            pages.append(reverse(name, kwargs={"report_id": report.pk, **extra}))
    return pages


def audit_published_reports(user: User) -> list[Outcome]:
    """The reports already finalised or sent that the user can read, audited as stored with
    their service's other reports of the same figures date."""
    visible = set(reports_visible(user).values_list("pk", flat=True))
    return [c.outcome for c in audit_reports(now=timezone.now()) if c.report.pk in visible]


#: A number cell of a table, as the reader gets it.
NUMBER_CELL = re.compile(r'<td[^>]*class="[^"]*laget-num[^"]*"[^>]*>(.*?)</td>', re.DOTALL)


def _numbers_unaccounted(html: str, page) -> list[str]:
    """The numbers the page prints in its tables that were written out neither for a figure
    (protected or counted as unprotected) nor as a number that is no figure: a number that
    reached the page around the protection (issue 26: the reader model is what the page
    says, not what the views declare). A cell may print several («22 / 107», «32 %–46 %»)."""
    written = {n for text in (*page.written, *page.plain) for n in NUMBER.findall(_normal(text))}
    found = []
    for cell in NUMBER_CELL.findall(html):
        text = _normal(unescape(re.sub(r"<[^>]+>", " ", cell)))
        found += [n for n in NUMBER.findall(text) if n not in written]
    return found


#: A chart's spec as the page carries it (`vega_chart`).
CHART = re.compile(r'data-vega-json="([^"]*)"')


def _chart_numbers_unaccounted(html: str, page) -> list[str]:
    """The numbers the page's charts draw that are neither a figure the page wrote out (a
    field the chart declares a figure, `charts.competence.accounted`) nor of a field the chart
    says why it may draw (`own_rule`): a chart is read as a table is."""
    written = {
        n.removesuffix(" %")
        for text in (*page.written, *page.plain)
        for n in NUMBER.findall(_normal(text))
    }
    found = []
    for raw in CHART.findall(html):
        spec = json.loads(unescape(raw))
        meta = spec.get("usermeta", {}).get("laget", {})
        figures, own_rule = meta.get("figures", {}), meta.get("own_rule", {})
        for record in _records(spec):
            for name, value in record.items():
                if isinstance(value, bool) or not isinstance(value, int | float):
                    continue
                if name in own_rule:
                    continue
                text = _normal(_rounded(value, figures[name])) if name in figures else None
                if text is None or text not in written:
                    found.append(f"diagram: {name}={value}")
    return found


def _records(spec: dict) -> Iterator[dict]:
    yield from spec.get("data", {}).get("values", [])
    for layer in spec.get("layer", []):
        yield from _records(layer)


def _workbook_numbers_unaccounted(content: bytes, page) -> list[str]:
    """The numbers a workbook's cells hold that were written neither for a figure nor as a
    number that is no figure: a download is read as a page is."""
    from openpyxl import load_workbook

    written = {
        n.removesuffix(" %")
        for text in (*page.written, *page.plain)
        for n in NUMBER.findall(_normal(text))
    }
    found = []
    for sheet in load_workbook(io.BytesIO(content), read_only=True).worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, bool) or not isinstance(value, int | float):
                    continue
                spellings = {
                    _normal(_rounded(value, d))
                    for d in range(3)
                    if float(half_up(value, d)) == float(value)
                }
                if not spellings & written:
                    found.append(f"{sheet.title}: {value}")
    return found


def _rules_unstated(html: str, page) -> list[str]:
    """The rules the page prints in words (`stated.PHRASES`) that it did not state for the
    attack (written out through `StatedText`): a rule that reached the page around the
    reader model."""
    text = _normal(unescape(re.sub(r"<[^>]+>", " ", html))).lower()
    recorded = {statement.rule for statement in page.statements}
    return [
        rule
        for rule, phrase in stated.PHRASES.items()
        if phrase.lower() in text and rule not in recorded
    ]


#: A number as Laget writes it: «5 400», «12,5», «45 %».
NUMBER = re.compile(r"\d{1,3}(?: \d{3})*(?:,\d+)?(?: %)?")


def _normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _crawl(client, user: User) -> tuple[list[str], Counter[str], dict[str, list[str]]]:
    """Request every page the user can open: the pages opened, per page (URL name) the
    figures shown that no protected view gave, and per page the numbers its tables print
    that no figure and no known number wrote, and the rules it prints that it did not state."""
    client.force_login(user)
    opened: list[str] = []
    unprotected: Counter[str] = Counter()
    unaccounted: dict[str, list[str]] = {}
    pages = [
        reverse(name, kwargs={"pk": service.pk})
        for name in SERVICE_AGGREGATE_PAGES
        for service in Service.objects.order_by("pk")
    ]
    pages += [reverse(name) for name in ACROSS_SERVICES_PAGES]
    pages += _reports_pages(user)
    while pages:
        url = pages.pop(0)
        with recording() as page:
            response = client.get(url)
        unprotected[resolve(url.partition("?")[0]).view_name] += len(page.unprotected)
        if response.status_code != 200:
            assert response.status_code in (403, 404), (url, response.status_code)
            continue
        opened.append(url)
        workbook = response["Content-Type"].startswith(XLSX)
        if workbook and (numbers := _workbook_numbers_unaccounted(response.content, page)):
            unaccounted[url] = numbers
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            # a sent report prints the figures it froze: audited as stored, below
            frozen_report = resolve(url.partition("?")[0]).view_name in REPORT_PAGES
            numbers = [*_numbers_unaccounted(html, page), *_chart_numbers_unaccounted(html, page)]
            if not frozen_report and numbers:
                unaccounted[url] = numbers
            if not frozen_report and (rules := _rules_unstated(html, page)):
                unaccounted[url] = [*unaccounted.get(url, []), *rules]
            if "?" not in url:
                pages += [f"{url}?{k}={v}" for k, v in _filter_values(html)]
    return opened, +unprotected, unaccounted


#: Pages every user has that show no figure about staff (the start page, the list of reports).
WITHOUT_FIGURES = {"core:home", "core:no_role", "accounts:logout", "reports:overview"}


def test_the_crawl_covers_every_page_a_county_or_national_user_can_open():
    """Every page the matrix lets a county or national user open is crawled (or shows no
    figure): a page added later with figures is attacked without anyone remembering."""
    opened_by_aggregate_users = {
        name
        for name, rule in RULES.items()
        if rule.allowed_own != "public" and {"county", "national"} & set(rule.allowed_own)
    }
    crawled = {*SERVICE_AGGREGATE_PAGES, *ACROSS_SERVICES_PAGES, *REPORT_PAGES}
    assert opened_by_aggregate_users - WITHOUT_FIGURES <= crawled


@pytest.mark.parametrize("username", USERS)
def test_nothing_small_can_be_worked_out_from_everything_a_user_can_open(
    client, username, record_property
):
    today = timezone.localdate()
    demo_create(today=today)
    user = User.objects.get(username=username)
    with recording() as ledger:
        urls, unprotected, unaccounted = _crawl(client, user)
    opened = len(urls)
    assert opened >= 20, urls
    # figures the protection does not give are known, each with its reason
    assert set(unprotected) <= set(BY_THEIR_OWN_RULE), unprotected
    # and every number a table prints was written for a figure, or as no figure, and every
    # rule a page prints in words was stated
    assert not unaccounted, list(unaccounted.items())[:5]
    assert {s.rule for s in ledger.statements} == set(stated.RULES)  # the demo's pages state each
    published = competence_publication(today)
    groups = {
        unit: [service_unit(pk) for pk in ids]
        for ids, unit in published.units.items()
        if len(ids) > 1
    }
    cells, checked = 0, {}
    # each date's figures together (a draft of last year's report reads last year's)
    for scope, protected in ledger.by_scope().items():
        together = combined(protected, groups=groups)
        # what the pages said beside the figures, from the pages, not from the views
        apply(together.view, ledger.statements, stated.RULES)
        assert not together.revealed, (scope, sorted(together.revealed))
        intervals = audit(together.view, together.hidden)
        exposed = together.exposed(intervals)
        assert not exposed, (scope, {k: (i.low, i.high) for k, i in sorted(exposed.items())[:20]})
        cells += len(together.view.cells)
        checked |= {f"{scope}/{k}": i for k, i in intervals.items() if k in together.sensitive}
    assert checked, "the demo has small services: something is hidden"
    # the reports already sent are frozen: audited as stored, with their service's others
    outcomes = audit_published_reports(user)
    assert all(not outcome.failed for outcome in outcomes), [o.finding for o in outcomes]
    record_property("audit_reports", len(outcomes))
    record_property("audit_unprotected", sum(unprotected.values()))
    record_property("audit_views", opened)
    record_property("audit_cells", cells)
    record_property("audit_hidden", len(checked))
    record_property("audit_narrowest", narrowest(checked))


def test_a_number_printed_around_the_protection_is_found():
    """The crawl's check itself: a table cell's number that no figure wrote is reported, one
    written for a figure (alone or with others in the cell) is not."""
    from laget.domain.protection.ledger import Ledger

    page = Ledger(written=["22", "107", "45,0\u00a0%"], plain=["1\u00a0250"])
    html = (
        '<td class="laget-num">22 / 107</td><td class="ds-x laget-num"><span>45,0&nbsp;%</span>'
        '</td><td class="laget-num">1&nbsp;250</td><td class="laget-num">skjult</td>'
    )
    assert _numbers_unaccounted(html, page) == []
    assert _numbers_unaccounted(html + '<td class="laget-num">6</td>', page) == ["6"]
    # a chart is read as a table is: a figure it draws must be one the page wrote out
    from django.utils.html import escape

    from laget.charts.competence import StatusBar, status_distribution

    def chart(counts: list[int]) -> str:
        spec = status_distribution(
            [StatusBar(f"s{i}", f"S{i}", n) for i, n in enumerate(counts)], title="T"
        )
        return f'<div data-vega-json="{escape(json.dumps(spec))}"></div>'

    assert _chart_numbers_unaccounted(chart([22, 107]), page) == []
    assert _chart_numbers_unaccounted(chart([22, 3]), page) == ["diagram: antall=3"]
    undeclared = (
        '<div data-vega-json="{&quot;data&quot;: {&quot;values&quot;: [{&quot;n&quot;: 22}]}}">'
    )
    assert _chart_numbers_unaccounted(undeclared, page) == ["diagram: n=22"]


def test_a_rule_printed_around_the_reader_model_is_found():
    """The crawl's check of words: a page printing «Kravet er her regnet for …» as a plain
    string is reported; written out as the stated text, it records the rule for the attack,
    and the attack then knows what the rule tells (a role not covered holds nobody)."""
    from django.template import Context, Template

    from laget.domain.protection import View
    from laget.domain.protection.ledger import Ledger

    words = "Kravet er her regnet for ledere og ansatte med kjerneoppgaver."
    said = stated.covers("service:1", ["leader", "core"])
    printed = Template("<p>{{ text }}</p>")
    with recording() as page:
        html = printed.render(Context({"text": words}))
    assert _rules_unstated(html, page) == ["coverage"]
    with recording() as page:
        html = printed.render(Context({"text": StatedText(words, [said])}))
    assert _rules_unstated(html, page) == [] and page.statements == [said]
    assert _rules_unstated("<p>Ingen regel her.</p>", Ledger()) == []
    view = View()
    view.add("service:1|role.measures.at_risk", 2, 2)
    apply(view, page.statements, stated.RULES)
    assert [(s.total, s.parts) for s in view.sums] == [("service:1|role.measures.at_risk", ())]
