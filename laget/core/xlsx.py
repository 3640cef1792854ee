"""Small helpers shared by every .xlsx file Laget writes (templates and exports).

Every workbook leaves through `workbook_bytes`, which makes it formula-safe first: a text
cell that begins with `= + - @`, a tab or a carriage return (OWASP's CSV-injection list) is
written as text with Excel's quote prefix, so neither Excel nor LibreOffice evaluates it, not
even when the cell is edited. Numbers and dates stay what they are.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: What a spreadsheet may take as the start of a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def style_header(sheet: Worksheet, widths: list[int]) -> None:
    """Bold, frozen first row and readable column widths."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width


def make_formula_safe(workbook: Workbook) -> int:
    """Every text cell that a spreadsheet could take for a formula becomes plain text.
    Returns how many cells were changed."""
    changed = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"  # openpyxl stores «=…» as a formula otherwise
                    cell.quotePrefix = True
                    changed += 1
    return changed


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as .xlsx bytes, made formula-safe first."""
    make_formula_safe(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
