"""The scan in the web or command process: what calamine would read, refused before any child
starts. Plain and fast: no database, no child process."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from laget.core.tabular_scan import MAX_DEPTH, Limits, Refused, scan_xlsx
from tests.hostile_files import inline, sheet, workbook


def _refusal(content: bytes, limits: Limits | None = None) -> Refused:
    with pytest.raises(Refused) as refused:
        scan_xlsx(content, limits or Limits())
    return refused.value


def _one_cell(reference: str) -> bytes:
    return workbook([sheet(f"<row>{inline(reference)}</row>")])


@pytest.mark.parametrize("reference", ["A1", "a1", "Z9", "CV20101", "xfd1"])
def test_the_reference_forms_excel_writes_are_read(reference):
    if reference.lower() == "xfd1":
        assert _refusal(_one_cell(reference)).code == "too_many_columns"
    else:
        scan_xlsx(_one_cell(reference), Limits())


@pytest.mark.parametrize(
    "reference",
    ["A01", "XFD01048576", "AAAA1", "$A$1", "A 1", "1A", "A", "A0", "A12345678", ""],
)
def test_any_other_reference_form_is_refused_not_guessed(reference):
    refusal = _refusal(_one_cell(reference))
    assert refusal.code == "bad_reference" and refusal.params["reference"] == reference


@pytest.mark.parametrize("number", ["01", "0", "1A", " 1", "12345678"])
def test_a_row_number_in_any_other_form_is_refused(number):
    content = workbook([sheet(f'<row r="{number}">{inline("A1")}</row>')])
    assert _refusal(content).code == "bad_reference"


def test_a_sheet_named_by_the_relationships_is_read_whatever_it_is_called():
    body = sheet(f'<row r="30000">{inline("A30000")}</row>')
    for target in ("worksheets/sheet1.bin", "ark", "WORKSHEETS/Ark.DAT", "/xl/ark"):
        content = workbook([body], targets=[target])
        assert _refusal(content).code == "too_many_rows", target


def test_a_named_part_that_is_not_xml_is_refused():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook([sheet("")], targets=["ark.bin"]))) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, b"\x00\x01garbage" if info.filename == "xl/ark.bin" else data)
    assert _refusal(buffer.getvalue()).code == "broken_xlsx"


def _with_part(content: bytes, name: str, data: bytes, relationship: str = "") -> bytes:
    """`content` with one more part, and a relationship from the first sheet to it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(name, data)
        if relationship:
            target.writestr(
                "xl/worksheets/_rels/sheet1.xml.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
                f'org/officeDocument/2006/relationships/{relationship}" Target="../../{name}"/>'
                "</Relationships>",
            )
    return buffer.getvalue()


def test_pictures_and_legacy_drawings_are_not_read_as_xml():
    base = workbook([sheet(f'<row r="1">{inline("A1")}</row>')])
    scan_xlsx(_with_part(base, "xl/media/image1.png", b"\x89PNG<<\x00", "image"), Limits())
    legacy = b"<xml><v:shape><br></xml>"  # Excel's VML for comments is not well-formed
    scan_xlsx(_with_part(base, "xl/drawings/vml1.vml", legacy, "vmlDrawing"), Limits())


def test_a_part_with_a_second_name_only_some_readers_see_is_refused():
    base = workbook([sheet(f'<row r="1">{inline("A1")}</row>')])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                name = b"xl/worksheets/other.bin"
                info.extra = struct.pack("<HHB", 0x7075, 5 + len(name), 1) + b"\0" * 4 + name
            target.writestr(info, data)
    assert _refusal(buffer.getvalue()).code == "broken_xlsx"


def test_a_shared_string_counts_in_full_each_time_a_cell_uses_it():
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>1</v></c></row>' for r in range(1, 11))
    content = workbook([sheet(cells)], shared_strings=["kort", "<b>x</b>" + "x" * 199])
    scan_xlsx(content, Limits(max_total_chars=2_000))
    assert _refusal(content, Limits(max_total_chars=1_999)).code == "too_many_chars"
    refusal = _refusal(content, Limits(max_cell_chars=199))
    assert refusal.code == "cell_too_long" and refusal.params == {"row": 1, "column": 1, "n": 200}


def test_a_long_inline_cell_is_refused_while_it_is_read():
    content = workbook(
        [sheet(f'<row r="4"><c r="C4" t="inlineStr"><is><t>{"y" * 2_001}</t></is></c></row>')]
    )
    refusal = _refusal(content)
    assert refusal.code == "cell_too_long"
    assert refusal.params == {"row": 4, "column": 3, "n": 2_001}


def test_a_formula_s_text_is_not_counted_only_its_value():
    cell = f'<c r="A1"><f>{"A2+" * 1_000}A2</f><v>1</v></c>'
    scan_xlsx(workbook([sheet(f'<row r="1">{cell}</row>')]), Limits())


def test_a_cell_within_a_cell_is_refused():
    body = '<row r="1"><c r="A1"><c r="XFD1048576"/></c></row>'
    assert _refusal(workbook([sheet(body)])).code == "broken_xlsx"


def test_elements_deeper_than_any_workbook_needs_are_refused():
    deep = "<x>" * MAX_DEPTH + "</x>" * MAX_DEPTH
    assert _refusal(workbook([sheet(deep)])).code == "broken_xlsx"
    scan_xlsx(workbook([sheet("<x>" * 90 + "</x>" * 90)]), Limits())


def test_cells_and_tags_are_counted_before_anything_is_parsed():
    few = Limits(max_rows=0, max_columns=1)  # 101 cells
    rows = "".join(f'<row r="{r}">' + "<c><v>1</v></c>" * 10 + "</row>" for r in range(1, 11))
    assert _refusal(workbook([sheet(rows)] * 3), few).code == "too_many_cells"
    assert _refusal(workbook([sheet("<x/>" * 300_000)]), few).code == "too_many_cells"
