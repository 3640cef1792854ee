"""Hostile files, made here as an attacker would make them (no binaries in the repository).

Each builder returns the bytes of one file that once ended, or could end, the process that
read it; `HOSTILE` names them with the message every import door must answer with.
"""

from __future__ import annotations

import io
import zipfile

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _relationships(*targets: tuple[str, str]) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELATIONSHIPS}">' + (
        "".join(
            f'<Relationship Id="rId{i}" Type="{_TYPES}/{kind}" Target="{target}"/>'
            for i, (kind, target) in enumerate(targets, start=1)
        )
        + "</Relationships>"
    )


def sheet(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{_MAIN}">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def inline(reference: str, text: str = "x") -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(
    sheets: list[str],
    *,
    shared_strings: list[str] | None = None,
    targets: list[str] | None = None,
    level: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A workbook written by hand: its sheets at `targets` (named only by the relationships),
    shared strings if given."""
    targets = targets or [f"worksheets/sheet{i}.xml" for i in range(1, len(sheets) + 1)]
    names = "".join(
        f'<sheet name="Ark{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, len(sheets) + 1)
    )
    book = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_TYPES}">'
        f"<sheets>{names}</sheets></workbook>"
    )
    links = [("worksheet", target) for target in targets]
    if shared_strings is not None:
        links.append(("sharedStrings", "sharedStrings.xml"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", level) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/></Types>',
        )
        archive.writestr("_rels/.rels", _relationships(("officeDocument", "xl/workbook.xml")))
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", _relationships(*links))
        for target, body in zip(targets, sheets, strict=True):
            archive.writestr(target[1:] if target.startswith("/") else f"xl/{target}", body)
        if shared_strings is not None:
            archive.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">'
                + "".join(f"<si><t>{s}</t></si>" for s in shared_strings)
                + "</sst>",
            )
    return buffer.getvalue()


# The files the issue names -----------------------------------------------------------------


def dimension_bomb() -> bytes:
    """A cell at XFD1048576: calamine allocates the whole grid, 512 GB."""
    return workbook(
        [sheet(f'<row r="1">{inline("A1")}</row><row r="1048576">{inline("XFD1048576")}</row>')]
    )


def leading_zero_bomb() -> bytes:
    """The same cell written «XFD01048576»: calamine reads it, the old scan's pattern did not
    (it counted it as the next column); calamine asked for 512 GB and aborted the server."""
    return workbook([sheet(f'<row r="1">{inline("A1")}{inline("XFD01048576")}</row>')])


def dense_bomb() -> bytes:
    """A reference Excel allows that still makes a dense reader allocate 12.8 GB."""
    return workbook(
        [sheet(f'<row r="1">{inline("A1")}</row><row r="200000">{inline("BXX200000")}</row>')]
    )


def unnamed_part_bomb() -> bytes:
    """The sheet named by the workbook's relationships as «worksheets/sheet1.bin»: the old
    scan read only parts ending in .xml; calamine reads whatever the relationships name."""
    body = sheet(f'<row r="1">{inline("A1")}</row><row r="1048576">{inline("XFD1048576")}</row>')
    return workbook([body], targets=["worksheets/sheet1.bin"])


def shared_string_bomb() -> bytes:
    """One shared string of 1 MB used by 2,000 cells: 7 KB that expands to 2 GB of text (the
    web process went from 0.5 to 4.3 GB before the cell limit was checked)."""
    cells = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{c}{r}" t="s"><v>0</v></c>' for c in "ABCDEFGHIJ")
        + "</row>"
        for r in range(1, 201)
    )
    return workbook([sheet(cells)], shared_strings=["x" * (1024 * 1024)])


def billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    return workbook(
        [sheet(f'<row r="1">{inline("A1", "&a9;")}</row>', f"<!DOCTYPE worksheet [{entities}]>")]
    )


def external_entity() -> bytes:
    prolog = '<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    return workbook([sheet(f'<row r="1">{inline("A1", "&e;")}</row>', prolog)])


def deep_nesting() -> bytes:
    """Two million elements inside each other in a cell: a recursive reader runs out of stack,
    and expat keeps each open element (a hundred bytes or so) in the process that parses."""
    depth = 2_000_000
    text = "<r>" * depth + "x" + "</r>" * depth
    return workbook([sheet(f'<row r="1"><c r="A1" t="inlineStr"><is>{text}</is></c></row>')])


def many_parts(count: int = 480) -> bytes:
    """480 sheets, each a few thousand cells: within the zip's limit of parts, over the cells a
    workbook may hold."""
    rows = "".join(f'<row r="{r}">' + "<c><v>1</v></c>" * 100 + "</row>" for r in range(1, 51))
    return workbook([sheet(rows)] * count)


def zip_bomb() -> bytes:
    """95 MB of elements packed into a few hundred kilobytes, under the unpacked limit."""
    return workbook([sheet("<x/>" * (95 * 1024 * 1024 // 4))], level=zipfile.ZIP_DEFLATED)


def million_line_csv() -> bytes:
    return b"Ansattnummer;Fornavn\n" + b"1;Kari\n" * 1_000_000


#: name → (file name, builder, what every door says)
HOSTILE = {
    "dimension_bomb": ("bomb.xlsx", dimension_bomb, "Filen har 1 048 575 rader"),
    "leading_zero_bomb": (
        "bomb.xlsx",
        leading_zero_bomb,
        "cellereferanse som ikke kan leses («XFD01048576»)",
    ),
    "dense_bomb": ("bomb.xlsx", dense_bomb, "Filen har 199 999 rader"),
    "unnamed_part_bomb": ("bomb.xlsx", unnamed_part_bomb, "Filen har 1 048 575 rader"),
    "shared_string_bomb": (
        "strings.xlsx",
        shared_string_bomb,
        "Rad 1, kolonne 1 har 1 048 576 tegn",
    ),
    "billion_laughs": ("laughs.xlsx", billion_laughs, "dokumenttypedefinisjon"),
    "external_entity": ("entity.xlsx", external_entity, "dokumenttypedefinisjon"),
    "deep_nesting": ("deep.xlsx", deep_nesting, "Excel-filen kunne ikke leses (filen er skadet)."),
    "many_parts": ("parts.xlsx", many_parts, "mer enn 2 010 100 celler"),
    "zip_bomb": ("zip.xlsx", zip_bomb, "mer enn 2 010 100 celler"),
    "million_line_csv": ("lines.csv", million_line_csv, "Filen har 1 000 001 rader"),
}
