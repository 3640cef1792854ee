"""The tables of a page as an Excel workbook (issue 28, item 7).

Every page that shows a table offers «Last ned tabellen på siden som Excel»: the same address with
`?tabeller=xlsx`. The view answers as it always does, with its own access checks and its own
protection (what the county sees is what the county gets), and `TablesAsExcelMiddleware` turns
the tables in the page's `<main>` into one sheet each. Nothing is recomputed, so an aggregate in
the workbook is the figure the page shows, «skjult» included. A paged list gives all its rows
(`laget.core.paging`).

A cell keeps its visible text; buttons, fields, decorations (aria-hidden) and text for screen
readers only are left out, and so is a column with nothing left in it. A cell the page marks as
a number (`laget-num`) and that reads as one («1 070», «12,5 %», «−3») becomes a number in
Excel, a share a percentage; a date written dd.mm.yyyy becomes a date; the rest stays text
(«skjult», «–», a municipality number such as 0301). The workbook leaves through
`laget.core.xlsx.workbook_bytes`, so no text cell can start a formula.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _
from lxml import html as lxml_html
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from laget.core.xlsx import workbook_bytes

PARAMETER = "tabeller"
VALUE = "xlsx"

#: A page bigger than this is not read (Laget's largest, 5,000 staff unpaged, is about 6 MB).
MAX_PAGE_BYTES = 64 * 1024 * 1024
#: Excel's own limits.
MAX_ROWS = 1_048_576
MAX_SHEET_TITLE = 31

NUMBER = re.compile(r"^([−-])?(\d{1,3}(?:[  \u202f]\d{3})+|\d+)(?:,(\d+))?(\s?%)?$")
LEFT_OUT = (
    ".//button|.//select|.//input|.//textarea|.//script|.//template|.//*[local-name()='svg']"
    "|.//*[contains(concat(' ', normalize-space(@class), ' '), ' ds-sr-only ')]"
    "|.//*[@aria-hidden='true']"
)
DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
SHEET_TITLE_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def wanted(request) -> bool:
    """Whether the request asks for the page's tables as a workbook."""
    return request.method == "GET" and request.GET.get(PARAMETER) == VALUE


def address(request) -> str:
    """The page's own address with `?tabeller=xlsx`: its filters kept, its page number not."""
    query = request.GET.copy()
    query.pop("side", None)
    query[PARAMETER] = VALUE
    return f"{request.path}?{query.urlencode()}"


@dataclass(frozen=True)
class Cell:
    text: str
    number: float | None = None
    day: date | None = None
    decimals: int = 0
    percent: bool = False
    header: bool = False
    span: int = 1


@dataclass
class PageTable:
    title: str
    head: list[list[Cell | None]] = field(default_factory=list)
    body: list[list[Cell | None]] = field(default_factory=list)


def _text(element) -> str:
    """The text a sighted reader sees in `element` (what LEFT_OUT names is taken out of it)."""
    for left_out in element.xpath(LEFT_OUT):
        left_out.drop_tree()
    return " ".join("".join(element.itertext()).replace("\xad", "").split())  # no soft hyphen


def _cell(element) -> Cell:
    text = _text(element)
    header = element.tag == "th"
    colspan = element.get("colspan") or "1"
    span = min(int(colspan), 100) if colspan.isdigit() and int(colspan) > 0 else 1
    if "laget-num" in (element.get("class") or "").split() and (match := NUMBER.match(text)):
        sign, whole, fraction, percent = match.groups()
        value = float(re.sub(r"\D", "", whole) + ("." + fraction if fraction else ""))
        value = -value if sign else value
        decimals = len(fraction or "")
        if percent:
            value /= 100
        return Cell(text, value, decimals=decimals, percent=bool(percent), header=header, span=span)
    if match := DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
        with contextlib.suppress(ValueError):  # «31.02.2026» stays the text it is
            return Cell(text, header=header, span=span, day=date(year, month, day))
    return Cell(text, header=header, span=span)


def _rows(rows) -> list[list[Cell | None]]:
    """Rows of cells, a cell spanning columns followed by None for each it covers; a cell
    spanning rows is written in its first row only."""
    out: list[list[Cell | None]] = []
    for row in rows:
        cells: list[Cell | None] = []
        for element in row.xpath("./th|./td"):
            cell = _cell(element)
            cells.append(cell)
            cells.extend([None] * (cell.span - 1))
        out.append(cells)
    return out


def _title(table, number: int) -> str:
    caption = table.find("caption")
    if caption is not None and (text := _text(caption)):
        return text
    heading = table.xpath("preceding::*[self::h2 or self::h3][1]")
    if heading and (text := _text(heading[0])):
        return text
    return _("Tabell %(number)s") % {"number": number}


def _without_empty_columns(table: PageTable) -> PageTable:
    width = max((len(row) for row in table.head + table.body), default=0)

    def empty(column: int) -> bool:
        cells = [row[column] if column < len(row) else None for row in table.body]
        return all(cell is None or not cell.text for cell in cells)

    keep = [column for column in range(width) if not empty(column)] if table.body else []
    if len(keep) == width:
        return table

    def cut(rows: list[list[Cell | None]]) -> list[list[Cell | None]]:
        return [[row[c] if c < len(row) else None for c in keep] for row in rows]

    return PageTable(table.title, cut(table.head), cut(table.body))


def page_tables(content: bytes | str) -> tuple[str, list[PageTable]]:
    """The page's h1 and the tables in its `<main>` (a table inside another is part of its
    cell). Raises ValueError for a page too big to read."""
    if len(content) > MAX_PAGE_BYTES:
        raise ValueError("page too big")
    root = lxml_html.fromstring(content)
    main = next(iter(root.xpath("//main")), root)
    h1 = next(iter(main.xpath(".//h1")), None)
    tables = []
    for number, table in enumerate(main.xpath(".//table[not(ancestor::table)]"), start=1):
        head = table.xpath("./thead/tr")
        body = table.xpath("./tr|./tbody/tr|./tfoot/tr")
        page_table = PageTable(_title(table, number), _rows(head), _rows(body))
        tables.append(_without_empty_columns(page_table))
    return (_text(h1) if h1 is not None else ""), tables


def _sheet_title(title: str, taken: set[str]) -> str:
    base = SHEET_TITLE_UNSAFE.sub(" ", title).strip().strip("'") or _("Tabell")
    candidate, number = base[:MAX_SHEET_TITLE], 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: MAX_SHEET_TITLE - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _write(sheet, row: int, cells: list[Cell | None], *, bold: bool) -> None:
    for column, cell in enumerate(cells, start=1):
        if cell is None:
            continue
        target = sheet.cell(row=row, column=column)
        if cell.number is not None:
            target.value = cell.number
            decimals = "." + "0" * cell.decimals if cell.decimals else ""
            target.number_format = f"0{decimals}%" if cell.percent else f"#,##0{decimals}"
        elif cell.day is not None:
            target.value = cell.day
            target.number_format = "dd.mm.yyyy"
        else:
            target.value = cell.text
        if bold or cell.header:
            target.font = Font(bold=True)
        if cell.span > 1:
            sheet.merge_cells(
                start_row=row, start_column=column, end_row=row, end_column=column + cell.span - 1
            )


def workbook(heading: str, tables: list[PageTable], *, page: str, when: datetime) -> bytes:
    """One sheet about the page, then one sheet a table: its title, its header rows (bold,
    frozen) and its rows."""
    book = Workbook()
    about = book.active
    about.title = _("Om tallene")
    about.append([heading])
    about["A1"].font = Font(bold=True, size=14)
    about.append([_("Fra siden"), page])
    about.append([_("Lastet ned"), when.strftime("%d.%m.%Y %H:%M")])
    about.append([_("Tabeller"), len(tables)])
    about.append([])
    about.append([_("Tallene er de samme som siden viser.")])
    if any(cell and cell.text == _("skjult") for t in tables for row in t.body for cell in row):
        about.append(
            [
                _(
                    "«skjult»: et tall som bygger på færre enn 5 personer, eller som ville "
                    "avsløre et slikt tall, vises ikke utenfor tjenesten."
                )
            ]
        )
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 60
    taken = {about.title.lower()}
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, taken))
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        row = 2
        for cells in table.head:
            _write(sheet, row, cells, bold=True)
            row += 1
        if table.head:
            sheet.freeze_panes = sheet.cell(row=row, column=1)
        for cells in table.body[: MAX_ROWS - row]:
            _write(sheet, row, cells, bold=False)
            row += 1
        width = max((len(r) for r in table.head + table.body), default=0)
        for column in range(width):
            texts = [
                cell.text
                for r in table.head + table.body
                if column < len(r) and (cell := r[column])
            ]
            widest = max((len(text) for text in texts), default=8)
            sheet.column_dimensions[get_column_letter(column + 1)].width = max(
                8, min(widest + 2, 60)
            )
        for cells in sheet.iter_rows(min_row=2, max_row=1 + len(table.head)):
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(book)
