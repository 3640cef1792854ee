"""The fast first refusal of an imported file, before any reader runs: plain Python, no Django.

The web or command process runs this scan; only a file it lets through is parsed, and then in
a child process (`laget.core.tabular_child`), because no scan can know every trick a file can
play. The scan reads what calamine would read and refuses rather than guesses:

- every part of the zip that ends in .xml or .rels, and every part any relationship names
  (calamine follows `_rels/.rels`, the workbook's and each sheet's relationships, whatever the
  target is called), except parts named only as pictures, printer settings and the like;
- every cell's position, with only the reference forms Excel writes (`A1` … `XFD1048576`);
  anything else calamine might read differently (`A01`, `AAAA1`, `$A$1`) is refused;
- every cell's characters as they are read, a shared string counted each time a cell uses it,
  and the characters of the whole file.

A refusal is a `Refused` with a code and numbers; `laget.core.tabular` words it.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from array import array
from dataclasses import dataclass
from xml.parsers import expat


@dataclass(frozen=True)
class Limits:
    """What an imported file may hold, and what the child that parses it may use."""

    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 20_000  # data rows, the header not counted
    max_columns: int = 100
    max_cell_chars: int = 2_000
    max_total_chars: int = 20_000_000
    max_unpacked_bytes: int = 100 * 1024 * 1024
    max_zip_entries: int = 500
    child_memory_bytes: int = 1024**3
    child_cpu_seconds: int = 10
    child_seconds: int = 20

    @property
    def max_sheet_rows(self) -> int:
        """Rows a sheet may reach: the header, the data and some blank rows around them."""
        return self.max_rows + 1 + 100

    @property
    def max_cells(self) -> int:
        """Cells (and shared strings) in the whole workbook: one full sheet's worth."""
        return self.max_sheet_rows * self.max_columns

    @property
    def max_tags(self) -> int:
        """Tags (each `<`) in the parts of a workbook: a full sheet of distinct strings has
        about eight per cell (`<c><v></v></c>` and its `<si><t></t></si>`). Bounds the time the
        scan itself may take to that of the largest file that can be imported."""
        return 8 * self.max_cells + 100_000

    @property
    def max_output_bytes(self) -> int:
        """What the child may hand back: the characters (UTF-8, at most four bytes each) and
        the punctuation of the cells around them."""
        return 4 * self.max_total_chars + 4 * self.max_cells + 1024 * 1024


class Refused(Exception):
    """The file breaks a limit or cannot be read; `code` says which, `params` the numbers."""

    def __init__(self, code: str, **params: int | str):
        super().__init__(code, params)
        self.code = code
        self.params = params


# .csv -----------------------------------------------------------------------------------


def decode_csv(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused("unknown_encoding")


def csv_delimiter(text: str) -> str:
    """The header row decides: data rows with decimal commas («20,5») would mislead a sniffer
    into reading a semicolon file as comma-separated."""
    header = text.lstrip().split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in ";,\t"}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"


def scan_csv(content: bytes, limits: Limits) -> None:
    """Lines and fields bounded before anything is parsed (quoted line breaks and delimiters
    only make this stricter)."""
    text = decode_csv(content)
    if "\x00" in text:
        raise Refused("not_csv")
    if len(text) > limits.max_total_chars:
        raise Refused("too_many_chars")
    line_breaks = text.count("\n")
    if line_breaks > limits.max_sheet_rows:
        raise Refused("too_many_rows", n=line_breaks)
    delimiter = csv_delimiter(text)
    widest = max(line.count(delimiter) for line in text.split("\n")) + 1
    if widest > limits.max_columns:
        raise Refused("too_many_columns", n=widest)


# .xlsx: which parts --------------------------------------------------------------------

#: the last part of a relationship's type for parts that are not XML a reader parses
_BINARY_TYPES = frozenset(
    {
        "image",
        "hdphoto",
        "media",
        "video",
        "audio",
        "thumbnail",
        "printerSettings",
        "oleObject",
        "package",
        "activeXControlBinary",
        "vbaProject",
        "vmlDrawing",
        "font",
    }
)
_UNICODE_PATH_FIELD = 0x7075  # Info-ZIP: a second name Python's zipfile does not read


def _key(name: str) -> str:
    """A part's name as calamine looks it up: backslashes as slashes, case ignored."""
    return name.replace("\\", "/").lower()


def _local(name: str) -> str:
    return name if ":" not in name else name.rpartition(":")[2]


def _has_second_name(info: zipfile.ZipInfo) -> bool:
    extra, offset = info.extra, 0
    while offset + 4 <= len(extra):
        field, size = struct.unpack_from("<HH", extra, offset)
        if field == _UNICODE_PATH_FIELD:
            return True
        offset += 4 + size
    return False


def _candidates(source: str, target: str, xl_paths: set[str]) -> set[str]:
    """Every name a reader might take a relationship's target for: the package's own rule
    (relative to the part that names it) and calamine's (relative to the workbook's folder, or
    from the root)."""
    folder = posixpath.dirname(posixpath.dirname(source))  # «xl/_rels/x.rels» → «xl»
    target = target.replace("\\", "/")
    stripped = target.lstrip("/")
    names = {stripped, posixpath.normpath(stripped)}
    if not target.startswith("/"):
        joined = f"{folder}/{target}" if folder else target
        names |= {joined, posixpath.normpath(joined)}
        names |= {f"{xl}{target}" for xl in xl_paths}
    return {_key(name) for name in names}


def _parts_to_scan(
    archive: zipfile.ZipFile,
) -> tuple[list[zipfile.ZipInfo], list[zipfile.ZipInfo]]:
    """The parts that may be shared strings, and every part a reader might open: each that
    ends in .xml or .rels, and each a relationship names as anything but a picture or another
    binary part."""
    by_key: dict[str, list[zipfile.ZipInfo]] = {}
    for info in archive.infolist():
        by_key.setdefault(_key(info.filename), []).append(info)
    xl_paths = {"xl/"}
    named: set[str] = set()
    strings: set[str] = set()
    source = ""
    depth = _Depth()

    def relationship(name: str, attributes: dict[str, str]) -> None:
        depth.start(name, attributes)
        if _local(name) != "Relationship" or attributes.get("TargetMode") == "External":
            return
        kind, target = attributes.get("Type", "").rpartition("/")[2], attributes.get("Target", "")
        if source == "_rels/.rels" and kind == "officeDocument":
            target = target.replace("\\", "/").lstrip("/")
            xl_paths.add(_key(target[: target.rfind("/") + 1]))
        elif kind not in _BINARY_TYPES:
            names = _candidates(source, target, xl_paths) & by_key.keys()
            named.update(names)
            if kind == "sharedStrings":
                strings.update(names)

    # the package's relationships first: they say where the workbook's folder is
    for source in sorted((k for k in by_key if k.endswith(".rels")), key="_rels/.rels".__ne__):
        for info in by_key[source]:
            _parse(archive, info, relationship, depth.end)
    strings |= {f"{xl}sharedstrings.xml" for xl in xl_paths}
    chosen = [k for k in by_key if k.endswith((".xml", ".rels")) or k in named]
    return (
        [info for key in chosen if key in strings for info in by_key[key]],
        [info for key in chosen for info in by_key[key]],
    )


def _count_tags(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Tags and cells in every part, counted in C before any is parsed: a file of many small
    elements or many parts is refused in a fraction of the time parsing it would take. (Cells
    as Excel writes them; the parse below counts every form exactly.)"""
    tags = cells = 0
    for info in archive.infolist():
        with archive.open(info) as part:
            while chunk := part.read(1 << 20):
                tags += chunk.count(b"<")
                cells += chunk.count(b"<c ") + chunk.count(b"<c>")
                if tags > limits.max_tags or cells > limits.max_cells:
                    raise Refused("too_many_cells", max=limits.max_cells)


# .xlsx: reading a part -----------------------------------------------------------------

#: elements inside each other: a sheet needs about ten (worksheet, sheetData, row, c, is, r, t),
#: a drawing twenty; expat keeps every open one, some hundred bytes each, in this process
MAX_DEPTH = 100


class _Depth:
    depth = 0

    def start(self, _name: str, _attributes) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Refused("broken_xlsx")

    def end(self, _name: str) -> None:
        self.depth -= 1


def _refuse_doctype(*_args) -> None:
    raise Refused("doctype")


def _parse(archive: zipfile.ZipFile, info: zipfile.ZipInfo, start, end=None, text=None) -> None:
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    with archive.open(info) as part:
        while chunk := part.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


#: the only cell references taken: what Excel writes, up to XFD1048576
_REFERENCE = re.compile(r"([A-Za-z]{1,3})([1-9][0-9]{0,6})")
_ROW = re.compile(r"[1-9][0-9]{0,6}")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class _Totals:
    """What the whole workbook may still use."""

    def __init__(self, limits: Limits):
        self.cells_left = limits.max_cells
        self.chars_left = limits.max_total_chars


class _SheetScan:
    """Every cell of a part, as a stream: its place, and its characters as they are read.

    Positions are taken as a spreadsheet reader takes them: a row's or cell's own reference
    when it has one, else the one after the previous. Any element named `row` or `c` counts,
    wherever it is (a superset of a sheet's cells, so nothing a reader would place escapes).
    The handlers run five to seven times for each cell, so they do the least first, keep
    their counts on themselves and read limits from their own attributes."""

    def __init__(self, limits: Limits, totals: _Totals, shared: array):
        self.max_rows = limits.max_sheet_rows
        self.max_columns = limits.max_columns
        self.max_cell_chars = limits.max_cell_chars
        self.max_cells = limits.max_cells
        self.totals = totals
        self.cells_left = totals.cells_left
        self.chars_left = totals.chars_left
        self.shared = shared
        self.row = 0
        self.column = 0
        self.columns: dict[str, int] = {}
        self.in_cell = False
        self.shared_cell = False
        self.in_formula = 0
        self.in_value = False
        self.chars = 0
        self.index = ""
        self.depth = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        depth = self.depth = self.depth + 1
        if depth > MAX_DEPTH:
            raise Refused("broken_xlsx")
        if ":" in name:
            name = name.rpartition(":")[2]
        if self.in_cell:
            if name == "v":
                self.in_value = True
            elif name == "f":
                self.in_formula += 1
            elif name == "c" or name == "row":
                raise Refused("broken_xlsx")  # a cell within a cell: no two readers agree
        elif name == "c":
            self._cell(attributes)
        elif name == "row":
            reference = attributes.get("r")
            if reference is None:
                self.row += 1
            elif _ROW.fullmatch(reference):
                self.row = int(reference)
            else:
                raise Refused("bad_reference", reference=reference[:20])
            self.column = 0
            if self.row > self.max_rows:
                raise Refused("too_many_rows", n=self.row - 1)

    def _cell(self, attributes: dict[str, str]) -> None:
        self.cells_left -= 1
        if self.cells_left < 0:
            raise Refused("too_many_cells", max=self.max_cells)
        reference = attributes.get("r")
        if reference is None:
            self.column += 1
        else:
            match = _REFERENCE.fullmatch(reference)
            if match is None:
                raise Refused("bad_reference", reference=reference[:20])
            letters, digits = match.groups()
            column = self.columns.get(letters)
            if column is None:
                column = self.columns[letters] = _column_number(letters)
            self.column = column
            row = self.row = int(digits)
            if row > self.max_rows:
                raise Refused("too_many_rows", n=row - 1)
        if self.column > self.max_columns:
            raise Refused("too_many_columns", n=self.column)
        self.in_cell = True
        self.chars = 0
        if attributes.get("t") == "s":
            self.shared_cell, self.index = True, ""
        else:
            self.shared_cell = False

    def end(self, name: str) -> None:
        self.depth -= 1
        if not self.in_cell:
            return
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c":
            self.in_cell = False
            if self.shared_cell:
                index = int(self.index) if self.index.isdigit() else -1
                if 0 <= index < len(self.shared):
                    self.text_length(self.shared[index])
        elif name == "v":
            self.in_value = False
        elif name == "f":
            self.in_formula -= 1

    def text(self, data: str) -> None:
        if self.in_cell and not self.in_formula:
            if not self.shared_cell:
                self.text_length(len(data))
            elif self.in_value:
                self.index = (self.index + data.strip())[:12]

    def text_length(self, n: int) -> None:
        chars = self.chars = self.chars + n
        if chars > self.max_cell_chars:
            raise Refused("cell_too_long", row=self.row, column=self.column, n=chars)
        self.chars_left -= n
        if self.chars_left < 0:
            raise Refused("too_many_chars")

    def close(self) -> None:
        """What this part used, taken from what the workbook may use."""
        self.totals.cells_left, self.totals.chars_left = self.cells_left, self.chars_left


class _SharedStrings:
    """The length of every shared string, so a cell that uses one is counted in full. Where
    more than one part may be the shared strings, the longer string at each place."""

    def __init__(self, limits: Limits, lengths: array):
        self.max_strings = limits.max_cells
        self.lengths = lengths
        self.index = 0
        self.depth = 0
        self.inside = 0  # the depth of the <si> being read, 0 outside one
        self.length = 0

    def start(self, name: str, _attributes) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Refused("broken_xlsx")
        if not self.inside and _local(name) == "si":
            self.inside, self.length = self.depth, 0

    def end(self, _name: str) -> None:
        self.depth -= 1
        if self.depth >= self.inside:
            return
        self.inside = 0
        if self.index < len(self.lengths):
            self.lengths[self.index] = max(self.lengths[self.index], self.length)
        elif self.index < self.max_strings:
            self.lengths.append(self.length)
        else:
            raise Refused("too_many_cells", max=self.max_strings)
        self.index += 1

    def text(self, data: str) -> None:
        if self.inside:
            self.length += len(data)


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, scan) -> None:
    _parse(archive, info, scan.start, scan.end, scan.text)
    if isinstance(scan, _SheetScan):
        scan.close()


def scan_xlsx(content: bytes, limits: Limits) -> None:
    """Bounds on the zip, then every part a reader might open, streamed, before any table is
    built."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if len(entries) > limits.max_zip_entries:
                raise Refused("too_many_parts")
            # The unpacked sizes are the ones the zip declares; reading stops at them, so
            # their sum bounds what unpacking can produce.
            if sum(e.file_size for e in entries) > limits.max_unpacked_bytes:
                raise Refused("unpacks_too_large", max=limits.max_unpacked_bytes)
            if any(e.flag_bits & 0x1 or _has_second_name(e) for e in entries):
                raise Refused("broken_xlsx")  # encrypted, or a name only some readers see
            _count_tags(archive, limits)
            strings, parts = _parts_to_scan(archive)
            # the shared strings first: each sheet's cells count a string's length each time
            # they use it (a part named as both is read as both)
            lengths = array("Q")
            for info in strings:
                _scan(archive, info, _SharedStrings(limits, lengths))
            totals = _Totals(limits)
            for info in parts:
                _scan(archive, info, _SheetScan(limits, totals, lengths))
    except Refused:
        raise
    except (zipfile.BadZipFile, expat.ExpatError, EOFError, ValueError, OSError):
        raise Refused("broken_xlsx") from None
    except (NotImplementedError, RuntimeError):  # a compression or encryption zipfile lacks
        raise Refused("broken_xlsx") from None
