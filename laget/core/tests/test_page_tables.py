"""A page's tables as a workbook (`laget.core.page_tables`): what is read from the HTML and what
lands in the cells. No database."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from laget.core.page_tables import MAX_PAGE_BYTES, page_tables, workbook

PAGE = """<!doctype html><html><body>
<nav><table><tr><td>menu, not main</td></tr></table></nav>
<main>
<h1>Ansatte – Frøya</h1>
<h2>Per år</h2>
<table>
  <thead>
    <tr><th rowspan="2">År</th><th colspan="2">Sluttet</th><th><span class="ds-sr-only">Handling</span></th></tr>
    <tr><th>Antall</th><th>Andel</th><th></th></tr>
  </thead>
  <tbody>
    <tr><th scope="row">2025</th><td class="laget-num">1&nbsp;070</td><td class="laget-num">12,5 %</td>
        <td><form><button>Slett</button><input type="hidden" name="x" value="1"></form></td></tr>
    <tr><th scope="row">2026</th><td class="laget-num"><span class="laget-suppressed">skjult</span></td>
        <td class="laget-num">−3</td><td></td></tr>
  </tbody>
</table>
<table><caption>Personer <span aria-hidden="true">▲</span></caption>
  <thead><tr><th>Navn</th><th>Kommune</th><th>Start</th><th>Merknad</th></tr></thead>
  <tbody><tr><td><a href="/p/1/">=HYPERLINK("http://x")</a></td><td>0301</td><td>14.08.2025</td>
    <td>31.02.2026 <span class="ds-sr-only">les mer</span><table><tr><td>inni</td></tr></table></td></tr></tbody>
</table>
</main></body></html>"""


def test_the_tables_of_main_are_read_with_their_titles_headers_and_rows():
    heading, tables = page_tables(PAGE)
    assert heading == "Ansatte – Frøya"
    assert [t.title for t in tables] == ["Per år", "Personer"]  # the heading above, the caption
    years, persons = tables
    # the action column (a button, a hidden field, a screen reader's header) is left out
    assert [[c.text if c else None for c in row] for row in years.head] == [
        ["År", "Sluttet", None],
        ["Antall", "Andel", ""],
    ]
    first, second = years.body
    assert (first[1].number, first[1].percent) == (1070, False)
    assert (first[2].number, first[2].decimals, first[2].percent) == (0.125, 1, True)
    assert (second[1].text, second[1].number) == ("skjult", None)
    assert second[2].number == -3
    row = persons.body[0]
    assert row[0].text == '=HYPERLINK("http://x")' and row[0].number is None
    assert row[1].text == "0301" and row[1].number is None  # not a number cell: stays text
    assert row[2].day == date(2025, 8, 14)
    assert row[3].text == "31.02.2026 inni" and row[3].day is None  # no such day; nested table


def test_the_workbook_holds_the_same_cells_numbers_as_numbers_and_no_formula():
    heading, tables = page_tables(PAGE)
    content = workbook(heading, tables, page="http://x/ansatte/", when=datetime(2026, 12, 8, 9, 5))
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Om tallene", "Per år", "Personer"]
    about = list(book["Om tallene"].iter_rows(values_only=True))
    assert about[0][0] == "Ansatte – Frøya"
    assert ("Lastet ned", "08.12.2026 09:05") in about
    assert any("skjult" in (row[0] or "") for row in about)  # the note, since a cell says so
    years = book["Per år"]
    assert years["A1"].value == "Per år"
    assert years["B2"].value == "Sluttet" and "B2:C2" in years.merged_cells
    assert years.freeze_panes == "A4"
    assert [years["B4"].value, years["C4"].value] == [1070, 0.125]
    assert years["C4"].number_format == "0.0%"
    assert [years["B5"].value, years["C5"].value] == ["skjult", -3]
    persons = book["Personer"]
    link = persons["A3"]
    assert link.value == '=HYPERLINK("http://x")' and link.data_type == "s" and link.quotePrefix
    assert persons["B3"].value == "0301"
    assert persons["C3"].value.date() == date(2025, 8, 14)


def test_two_tables_with_the_same_long_title_get_two_sheets():
    title = "Sykefravær per kvartal: egenmeldt og legemeldt [%]"
    page = (
        "<main>" + f"<table><caption>{title}</caption><tr><td>1</td></tr></table>" * 2 + "</main>"
    )
    heading, tables = page_tables(page)
    book = load_workbook(
        io.BytesIO(workbook(heading, tables, page="/", when=datetime(2026, 12, 8, 9, 5)))
    )
    names = book.sheetnames[1:]
    assert len(names) == 2 and len(set(names)) == 2
    assert all(len(name) <= 31 and "[" not in name and ":" not in name for name in names)


def test_a_page_too_big_to_read_is_refused_before_it_is_parsed():
    with pytest.raises(ValueError):
        page_tables(b" " * (MAX_PAGE_BYTES + 1))
