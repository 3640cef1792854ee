"""The one reader for every file Laget imports (roster, sick leave, and any import added later).

A file is hostile until proven otherwise. Its size is checked before it is read; an .xlsx is a
zip whose parts are bounded (count, unpacked size) and whose sheets are scanned as a stream,
cell by cell, before anything builds a table: a workbook's own claims about its size are
written by whoever made it, and a cell at XFD1048576 would make a dense reader allocate the
whole grid. Only a file inside every limit is handed to calamine (fast, Rust). A file that
breaks a limit gets one clear message and nothing more is read.

The limits are settings, in the spirit of Django's `DATA_UPLOAD_MAX_MEMORY_SIZE`:
`LAGET_IMPORT_MAX_BYTES`, `…_MAX_ROWS`, `…_MAX_COLUMNS`, `…_MAX_CELL_CHARS`,
`…_MAX_UNPACKED_BYTES`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.parsers import expat

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _


class TabularFileError(ValueError):
    """The file as a whole cannot be read; nothing has been imported."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 20_000  # data rows, the header not counted
    max_columns: int = 100
    max_cell_chars: int = 2_000
    max_unpacked_bytes: int = 100 * 1024 * 1024
    max_zip_entries: int = 500

    @classmethod
    def from_settings(cls) -> Limits:
        defaults = cls()
        return cls(
            max_bytes=getattr(settings, "LAGET_IMPORT_MAX_BYTES", defaults.max_bytes),
            max_rows=getattr(settings, "LAGET_IMPORT_MAX_ROWS", defaults.max_rows),
            max_columns=getattr(settings, "LAGET_IMPORT_MAX_COLUMNS", defaults.max_columns),
            max_cell_chars=getattr(
                settings, "LAGET_IMPORT_MAX_CELL_CHARS", defaults.max_cell_chars
            ),
            max_unpacked_bytes=getattr(
                settings, "LAGET_IMPORT_MAX_UNPACKED_BYTES", defaults.max_unpacked_bytes
            ),
        )

    @property
    def max_sheet_rows(self) -> int:
        """Rows a sheet may reach: the header, the data and some blank rows around them."""
        return self.max_rows + 1 + 100


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)

    def to_json(self) -> dict:
        return {"headers": self.headers, "rows": [[n, cells] for n, cells in self.rows]}

    @classmethod
    def from_json(cls, data: dict) -> Table:
        return cls(list(data["headers"]), [(int(n), list(cells)) for n, cells in data["rows"]])


def _megabytes(n: int) -> str:
    return number_format(n / (1024 * 1024), decimal_pos=0)


def _too_large(limits: Limits) -> TabularFileError:
    return TabularFileError(
        _("Filen er større enn %(mb)s MB og blir ikke lest.") % {"mb": _megabytes(limits.max_bytes)}
    )


# Reading the bytes ----------------------------------------------------------------------


def read_upload(uploaded, limits: Limits | None = None) -> bytes:
    """The bytes of an uploaded file, refused by its size before any is read."""
    limits = limits or Limits.from_settings()
    if uploaded.size is None or uploaded.size > limits.max_bytes:
        raise _too_large(limits)
    content = uploaded.read(limits.max_bytes + 1)
    if len(content) > limits.max_bytes:
        raise _too_large(limits)
    return content


def read_path(path: Path, limits: Limits | None = None) -> bytes:
    """The bytes of a file on disk (the command line), refused by its size first."""
    limits = limits or Limits.from_settings()
    try:
        if path.stat().st_size > limits.max_bytes:
            raise _too_large(limits)
        with path.open("rb") as file:
            content = file.read(limits.max_bytes + 1)
    except OSError as error:
        raise TabularFileError(
            _("Filen kunne ikke åpnes: %(error)s") % {"error": error.strerror or error}
        ) from None
    if len(content) > limits.max_bytes:
        raise _too_large(limits)
    return content


# Cells and tables -----------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def _table(rows: list[tuple[int, list[str]]], limits: Limits) -> Table:
    rows = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        raise TabularFileError(_("Filen er tom."))
    for n, cells in rows:
        for index, cell in enumerate(cells):
            if len(cell) > limits.max_cell_chars:
                raise TabularFileError(
                    _(
                        "Rad %(row)d, kolonne %(column)d har %(n)s tegn; høyst %(max)s tegn "
                        "i en celle kan leses."
                    )
                    % {
                        "row": n,
                        "column": index + 1,
                        "n": number_format(len(cell), force_grouping=True),
                        "max": number_format(limits.max_cell_chars, force_grouping=True),
                    }
                )
    (_header_row, headers), data = rows[0], rows[1:]
    headers = [h.strip() for h in headers]
    while headers and not headers[-1]:
        headers.pop()
    if not data:
        raise TabularFileError(_("Filen har overskrifter, men ingen rader med data."))
    if len(data) > limits.max_rows:
        raise _too_many_rows(len(data), limits)
    width = len(headers)
    return Table(headers, [(n, (cells + [""] * width)[:width]) for n, cells in data])


def _too_many_rows(n: int, limits: Limits) -> TabularFileError:
    return TabularFileError(
        _("Filen har %(n)s rader; høyst %(max)s kan importeres om gangen.")
        % {
            "n": number_format(n, force_grouping=True),
            "max": number_format(limits.max_rows, force_grouping=True),
        }
    )


def _too_many_columns(n: int, limits: Limits) -> TabularFileError:
    return TabularFileError(
        _("Filen har celler i kolonne %(n)s; høyst %(max)s kolonner kan leses.")
        % {"n": number_format(n, force_grouping=True), "max": limits.max_columns}
    )


# .xlsx ----------------------------------------------------------------------------------

_REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class _SheetScan:
    """Walks every cell of an XML part as a stream, refusing the first one out of bounds.

    Positions are taken as a spreadsheet reader takes them: a row's or cell's own reference
    when it has one, else the one after the previous. Any element named `row` or `c` counts,
    wherever it is (a superset of a sheet's cells, so nothing a reader would place escapes)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.row = 0
        self.column = 0
        self.columns: dict[str, int] = {}

    def start(self, name: str, attributes: dict[str, str]) -> None:
        # called for every element of every part (a sheet of 10,000 rows has 500,000): the
        # cheapest tests first, and each column's letters turned into a number once
        local = name if ":" not in name else name.rpartition(":")[2]
        if local == "c":
            match = _REFERENCE.match(attributes.get("r", ""))
            if match:
                letters = match.group(1)
                column = self.columns.get(letters)
                if column is None:
                    column = self.columns[letters] = _column_number(letters)
                self.column = column
                row = int(match.group(2))
                if row > self.limits.max_sheet_rows:
                    raise _too_many_rows(row - 1, self.limits)
            else:
                self.column += 1
            if self.column > self.limits.max_columns:
                raise _too_many_columns(self.column, self.limits)
        elif local == "row":
            reference = attributes.get("r", "")
            self.row = int(reference) if reference.isdigit() else self.row + 1
            self.column = 0
            if self.row > self.limits.max_sheet_rows:
                raise _too_many_rows(self.row - 1, self.limits)


def _refuse_doctype(*_args) -> None:
    raise TabularFileError(_("Excel-filen inneholder en dokumenttypedefinisjon og leses ikke."))


def _scan_xml_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    scan = _SheetScan(limits)
    parser = expat.ParserCreate()
    parser.StartElementHandler = scan.start
    parser.StartDoctypeDeclHandler = _refuse_doctype
    with archive.open(info) as part:
        while chunk := part.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _check_xlsx(content: bytes, limits: Limits) -> None:
    """Bounds on the zip and a streamed scan of every sheet, before any table is built."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if len(entries) > limits.max_zip_entries:
                raise TabularFileError(_("Excel-filen har for mange deler til å bli lest."))
            # The unpacked sizes are the ones the zip declares; reading stops at them, so
            # their sum bounds what unpacking can produce.
            if sum(e.file_size for e in entries) > limits.max_unpacked_bytes:
                raise TabularFileError(
                    _("Excel-filen pakkes ut til mer enn %(mb)s MB og blir ikke lest.")
                    % {"mb": _megabytes(limits.max_unpacked_bytes)}
                )
            for info in entries:
                if info.filename.lower().endswith(".xml"):
                    _scan_xml_part(archive, info, limits)
    except TabularFileError:
        raise
    except (zipfile.BadZipFile, expat.ExpatError, EOFError, ValueError, OSError):
        raise TabularFileError(_("Excel-filen kunne ikke leses (filen er skadet).")) from None


def _read_xlsx(content: bytes, limits: Limits) -> Table:
    """The first sheet. Checked as a stream first, then read with calamine (Rust; about ten
    times faster than openpyxl, and dense: which is why the scan comes first)."""
    _check_xlsx(content, limits)
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet = workbook.get_sheet_by_index(0)
        values = sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises its own error types for a broken file
        raise TabularFileError(
            _("Excel-filen kunne ikke leses (%(error)s).") % {"error": type(error).__name__}
        ) from None
    return _table([(n, [_cell(v) for v in row]) for n, row in enumerate(values, start=1)], limits)


# .csv -----------------------------------------------------------------------------------


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TabularFileError(_("Tegnsettet i CSV-filen er ukjent; lagre den som UTF-8."))


def _read_csv(content: bytes, limits: Limits) -> Table:
    text = _decode(content)
    if "\x00" in text:
        raise TabularFileError(_("Filen ser ikke ut til å være en CSV-fil."))
    # The header row decides the delimiter: data rows with decimal commas («20,5») would
    # mislead a sniffer into reading a semicolon file as comma-separated.
    header = text.lstrip().split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in ";,\t"}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"
    # Bounded before parsing: lines (quoted line breaks only make this stricter) and fields.
    line_breaks = text.count("\n")
    if line_breaks > limits.max_sheet_rows:
        raise _too_many_rows(line_breaks, limits)
    widest = max(line.count(delimiter) for line in text.split("\n")) + 1
    if widest > limits.max_columns:
        raise _too_many_columns(widest, limits)
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter)
    try:
        rows = [(n, [c.strip() for c in cells]) for n, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise TabularFileError(
            _("CSV-filen kunne ikke leses: %(error)s") % {"error": error}
        ) from None
    return _table(rows, limits)


def read_table(name: str, content: bytes, limits: Limits | None = None) -> Table:
    """A table from an .xlsx or .csv file; TabularFileError explains what is wrong."""
    limits = limits or Limits.from_settings()
    if len(content) > limits.max_bytes:
        raise _too_large(limits)
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if not content.startswith(b"PK"):
            raise TabularFileError(_("Filen heter .xlsx, men er ikke en Excel-fil."))
        return _read_xlsx(content, limits)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(content, limits)
    raise TabularFileError(
        _("Bare .xlsx- og .csv-filer kan importeres (fikk «%(name)s»).") % {"name": name}
    )
