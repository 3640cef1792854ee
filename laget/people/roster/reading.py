"""Reading an HR file into a plain table of strings, with the file's own row numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024


class RosterFileError(ValueError):
    """The file as a whole cannot be read; nothing has been imported."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)

    def to_json(self) -> dict:
        return {"headers": self.headers, "rows": [[n, cells] for n, cells in self.rows]}

    @classmethod
    def from_json(cls, data: dict) -> Table:
        return cls(list(data["headers"]), [(int(n), list(cells)) for n, cells in data["rows"]])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(rows: list[tuple[int, list[str]]]) -> Table:
    rows = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        raise RosterFileError(_("Filen er tom."))
    (_header_row, headers), data = rows[0], rows[1:]
    headers = [h.strip() for h in headers]
    while headers and not headers[-1]:
        headers.pop()
    if not data:
        raise RosterFileError(_("Filen har overskrifter, men ingen rader med data."))
    if len(data) > MAX_ROWS:
        raise RosterFileError(
            _("Filen har %(n)d rader; høyst %(max)d kan importeres om gangen.")
            % {"n": len(data), "max": MAX_ROWS}
        )
    width = len(headers)
    return Table(headers, [(n, (cells + [""] * width)[:width]) for n, cells in data])


def _read_xlsx(content: bytes) -> Table:
    """The first sheet, read with calamine (Rust; about twenty times faster than openpyxl)."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet = workbook.get_sheet_by_index(0)
        values = sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises its own error types for a broken file
        raise RosterFileError(
            _("Excel-filen kunne ikke leses (%(error)s).") % {"error": type(error).__name__}
        ) from None
    return _table([(n, [_cell(v) for v in row]) for n, row in enumerate(values, start=1)])


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError(_("Tegnsettet i CSV-filen er ukjent; lagre den som UTF-8."))


def _read_csv(content: bytes) -> Table:
    text = _decode(content)
    if "\x00" in text:
        raise RosterFileError(_("Filen ser ikke ut til å være en CSV-fil."))
    # The header row decides the delimiter: data rows with decimal commas («20,5») would
    # mislead a sniffer into reading a semicolon file as comma-separated.
    header = text.lstrip().split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in ";,\t"}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter)
    try:
        rows = [(n, [c.strip() for c in cells]) for n, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise RosterFileError(
            _("CSV-filen kunne ikke leses: %(error)s") % {"error": error}
        ) from None
    return _table(rows)


def read_table(name: str, content: bytes) -> Table:
    """A table from an .xlsx or .csv file; RosterFileError explains what is wrong."""
    if len(content) > MAX_BYTES:
        raise RosterFileError(_("Filen er større enn 10 MB."))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if not content.startswith(b"PK"):
            raise RosterFileError(_("Filen heter .xlsx, men er ikke en Excel-fil."))
        return _read_xlsx(content)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(content)
    raise RosterFileError(
        _("Bare .xlsx- og .csv-filer kan importeres (fikk «%(name)s»).") % {"name": name}
    )
