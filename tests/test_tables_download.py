"""Issue 28, item 7: every page with a table offers its tables as Excel, written from the page
the user is shown (the same view, the same access checks, the same protection), every row of a
paged list, formula-safe, in the audit log."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from laget.core.models import AuditAction, AuditEntry
from laget.core.page_tables import page_tables
from laget.organisations.views import STAFF_PER_PAGE
from tests.factories import staff
from tests.test_small_service_hidden import SERVICE_AGGREGATE_PAGES

pytestmark = pytest.mark.django_db

LINK = "laget-tables-download"


def _cells(response) -> list[list[list[object]]]:
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Om tallene"
    return [
        [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
        for sheet in book.worksheets[1:]
    ]


def _texts(rows: list[list[object]]) -> list[str]:
    return [value for row in rows for value in row if isinstance(value, str)]


@pytest.mark.parametrize("name", [n for n in SERVICE_AGGREGATE_PAGES if n != "workforce:export"])
def test_the_county_s_workbook_holds_the_tables_it_is_shown_and_nothing_else(client, world, name):
    client.force_login(world.user("county"))
    url = reverse(name, kwargs={"pk": world.service_a.pk})
    page = client.get(url)
    assert page.status_code == 200
    _, shown = page_tables(page.content)
    if not shown:
        assert LINK not in page.content.decode()
        assert client.get(url, {"tabeller": "xlsx"}).status_code == 404
        return
    assert LINK in page.content.decode()
    download = client.get(url, {"tabeller": "xlsx"})
    assert download.status_code == 200, name
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in download["Content-Disposition"]
    sheets = _cells(download)
    assert len(sheets) == len(shown)
    for table, rows in zip(shown, sheets, strict=True):
        assert len(rows) == len(table.head) + len(table.body)
        written = _texts(rows)
        # every «skjult» of the page is in the workbook, and no more of them
        expected = [c.text for r in table.body for c in r if c and c.text == "skjult"]
        assert written.count("skjult") == len(expected), (name, table.title)


def test_a_paged_staff_list_gives_every_row_and_the_download_is_logged(client, world):
    staff(world.service_a, STAFF_PER_PAGE + 5)
    client.force_login(world.user("leader"))
    url = reverse("organisations:staff", kwargs={"pk": world.service_a.pk})
    page = client.get(url)
    _, shown = page_tables(page.content)
    assert len(shown[0].body) == STAFF_PER_PAGE  # the page shows one page
    download = client.get(url, {"tabeller": "xlsx", "side": "2"})
    (rows,) = _cells(download)
    current = world.service_a.employments.filter(end_date__isnull=True).count()
    assert current > STAFF_PER_PAGE
    assert len(rows) == 1 + current  # the header, every current employment
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("pk")
    assert entry.actor == world.user("leader")
    assert entry.service_id == world.service_a.pk
    assert entry.changes == {"view": "organisations_staff"}


def test_a_name_that_looks_like_a_formula_is_text_in_the_workbook(client, world):
    person = world.service_a.employments.first().person
    person.given_name = '=HYPERLINK("http://example.com","x")'
    person.save()
    client.force_login(world.user("leader"))
    url = reverse("organisations:staff", kwargs={"pk": world.service_a.pk})
    book = load_workbook(io.BytesIO(client.get(url, {"tabeller": "xlsx"}).content))
    cells = [c for row in book.worksheets[1].iter_rows() for c in row if c.value]
    found = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert found and all(c.data_type == "s" and c.quotePrefix for c in found)


@pytest.mark.parametrize("role", ["county", "employee", "no_role"])
def test_a_page_the_user_may_not_see_gives_no_workbook(client, world, role):
    client.force_login(world.user(role))
    url = reverse("organisations:staff", kwargs={"pk": world.service_a.pk})
    assert client.get(url).status_code in (403, 404)
    answer = client.get(url, {"tabeller": "xlsx"})
    assert answer.status_code in (403, 404)
    assert not answer.get("Content-Type", "").startswith("application/vnd")
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_an_htmx_request_gets_the_fragment_not_a_workbook(client, world):
    client.force_login(world.user("leader"))
    url = reverse("organisations:staff", kwargs={"pk": world.service_a.pk})
    answer = client.get(url, {"tabeller": "xlsx"}, headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/html")
    assert LINK not in answer.content.decode()


def test_a_list_htmx_loads_into_the_page_offers_its_own_download(client, world):
    """The competence page loads its person list with HTMX: the list brings its own link, with
    its filters, and the link gives that list (the issue's «Excel export of the competence
    person list»)."""
    client.force_login(world.user("leader"))
    url = reverse("competence:persons", kwargs={"pk": world.service_a.pk})
    fragment = client.get(url, {"status": "", "navn": ""}, headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert LINK in body and f'href="{url}?' in body and "tabeller=xlsx" in body
    (rows,) = _cells(client.get(url, {"tabeller": "xlsx"}))
    _, shown = page_tables(client.get(url).content)
    assert len(rows) == len(shown[0].head) + len(shown[0].body)
    assert client.get(url).content.decode().count(LINK) == 1  # the full page: one link
