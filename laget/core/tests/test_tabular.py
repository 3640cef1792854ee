"""The shared file reader refuses hostile files before and while reading them."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from openpyxl import Workbook

from laget.core.tabular import Limits, TabularFileError, read_path, read_table, read_upload

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
    'workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
    'sheet1.xml"/></Relationships>'
)


def handmade_xlsx(cells: list[str], dimension: str | None = None, sheet_body: str = "") -> bytes:
    """A minimal workbook written by hand, as an attacker would: one inline string per cell."""
    rows: dict[int, list[str]] = {}
    for reference in cells:
        match = re.fullmatch(r"([A-Z]+)(\d+)", reference)
        assert match
        rows.setdefault(int(match.group(2)), []).append(reference)
    body = sheet_body or "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{c}" t="inlineStr"><is><t>x</t></is></c>' for c in refs)
        + "</row>"
        for r, refs in sorted(rows.items())
    )
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main">{dim}<sheetData>{body}</sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def _timed_refusal(name: str, content: bytes, message: str) -> float:
    started = time.perf_counter()
    with pytest.raises(TabularFileError, match=message):
        read_table(name, content)
    return time.perf_counter() - started


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["A1", "XFD1048576"], "rader"),  # asked a dense reader for 512 GB
        (["A1", "BXX200000"], "rader"),  # 12.8 GB, minutes
        (["A1", "XFD1"], "kolonne"),
    ],
)
def test_a_dimension_bomb_is_refused_at_once(cells, message):
    content = handmade_xlsx(cells)
    assert len(content) < 2_000
    assert _timed_refusal("bomb.xlsx", content, message) < 2.0


def test_cells_without_references_are_counted_as_a_reader_would_place_them():
    wide_row = "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 101 + "</row>"
    with pytest.raises(TabularFileError, match="kolonne 101"):
        read_table("f.xlsx", handmade_xlsx([], sheet_body=wide_row))
    many_rows = '<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 30
    with pytest.raises(TabularFileError, match="rader"):
        read_table("f.xlsx", handmade_xlsx([], sheet_body=many_rows), Limits(max_rows=10))


def test_a_lying_dimension_does_not_matter_when_the_cells_are_few():
    table = read_table("f.xlsx", handmade_xlsx(["A1", "B1", "A2", "B2"], "A1:XFD1048576"))
    assert table.headers == ["x", "x"] and table.rows == [(2, ["x", "x"])]


def test_a_zip_that_unpacks_to_too_much_is_refused_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * 5_000_000 + b"</a>")
    assert len(buffer.getvalue()) < 50_000
    with pytest.raises(TabularFileError, match="pakkes ut"):
        read_table("f.xlsx", buffer.getvalue(), Limits(max_unpacked_bytes=1_000_000))


def test_a_doctype_is_refused():
    body = handmade_xlsx(["A1"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(body)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("sheet1.xml"):
                data = data.replace(b"?><worksheet", b'?><!DOCTYPE x [<!ENTITY a "b">]><worksheet')
            target.writestr(info, data)
    with pytest.raises(TabularFileError, match="dokumenttypedefinisjon"):
        read_table("f.xlsx", buffer.getvalue())


def test_a_real_workbook_reads_as_before():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Ansattnummer", "Fornavn", "Start"])
    sheet.append(["1001", "Kari", 15])
    sheet.append([None, None, None])
    sheet.append(["1002", "Ola", 12.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table("f.xlsx", buffer.getvalue())
    assert table.headers == ["Ansattnummer", "Fornavn", "Start"]
    assert table.rows == [(2, ["1001", "Kari", "15"]), (4, ["1002", "Ola", "12.5"])]


def test_a_long_cell_is_refused_with_its_place():
    content = ("a;b\n1;" + "x" * 3_000 + "\n").encode()
    with pytest.raises(TabularFileError, match="Rad 2, kolonne 2"):
        read_table("f.csv", content)


def test_a_csv_is_bounded_in_rows_and_columns_before_it_is_parsed():
    with pytest.raises(TabularFileError, match="rader"):
        read_table("f.csv", b"a;b\n" + b"1;2\n" * 200, Limits(max_rows=100))
    with pytest.raises(TabularFileError, match="kolonne"):
        read_table("f.csv", b"a" + b";" * 5_000 + b"\n1;2\n")
    assert _timed_refusal("f.csv", b"a\n" + b"\n" * 9_000_000, "rader") < 2.0


def test_too_large_is_refused_before_anything_is_read(tmp_path):
    class Upload:
        size = 11 * 1024 * 1024

        def read(self, n=-1):
            raise AssertionError("read although the size was known to be too large")

    with pytest.raises(TabularFileError, match="større enn 10 MB"):
        read_upload(Upload())
    path = tmp_path / "big.csv"
    with path.open("wb") as file:
        file.truncate(11 * 1024 * 1024)
    with pytest.raises(TabularFileError, match="større enn 10 MB"):
        read_path(path)
    with pytest.raises(TabularFileError, match="kunne ikke åpnes"):
        read_path(tmp_path / "missing.csv")
