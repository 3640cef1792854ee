"""The documents as a reader gets them: DOCX opened with python-docx, PDF with pypdf, the
HTML; a finalised report produced again after the register changed; LibreOffice opening the
DOCX; PNG pages of the PDF kept for looking at (artifacts/report-pages)."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from laget.reports import services
from laget.reports.content.format import SUPPRESSED
from laget.reports.render import render_docx, render_html, render_pdf
from laget.reports.tests.helpers import NOW, TODAY, document, leader_of, new_report
from tests.factories import ServiceFactory, staff, staff_with_register

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "report-pages"
SECTION_HEADINGS = [
    "1 Kort oppsummering",
    "2 Om barnevernet",
    "3 Presentasjon av tjenesten og organisering",
    "4 Tematiske områder",
    "5 Samarbeid med andre sektorer",
    "6 Utfordringer",
    "7 Prioriterte områder og tiltak",
    "8 Arbeidet med rapporten",
]


@pytest.fixture
def report(world):
    staff_with_register(world.service_a, 6)
    leader = leader_of(world.service_a)
    report = new_report(world.service_a, actor=leader, comparisons=["county"])
    services.section_save(
        actor=leader,
        report=report,
        key="sammendrag",
        text="Tjenesten er stabil.\n\n- Flere med master\n- Lavere sykefravær",
    )
    return report


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.django_db
def test_docx_has_real_headings_lists_tables_and_the_figures(report):
    doc = open_docx(io.BytesIO(render_docx(document(report))))
    headings = [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", "Tilstandsrapport 2026")
    level_1 = [text for style, text in headings if style == "Heading 1"]
    assert level_1 == SECTION_HEADINGS
    assert ("Heading 2", "4.1 Bemanning og kompetanse") in headings
    # no level is skipped: a block's heading is one below its chapter's
    levels = [0 if style == "Title" else int(style.split()[-1]) for style, _text in headings]
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))
    assert ("Heading 2", "Nøkkeltall") in headings and (
        "Heading 3",
        "Slik oppfylles kravet",
    ) in headings
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["Flere med master", "Lavere sykefravær"]
    key_figures = doc.tables[0]
    assert [c.text for c in key_figures.rows[0].cells] == ["Ansatte 23.11.2026", "12"]
    assert doc.core_properties.language == "nb-NO"
    assert "UTKAST – ikke endelig" in [p.text for p in doc.paragraphs]


@pytest.mark.django_db
def test_docx_charts_are_pictures_with_alt_text(report):
    data = render_docx(document(report))
    doc = open_docx(io.BytesIO(data))
    assert doc.inline_shapes, "the report has charts"
    for shape in doc.inline_shapes:
        assert shape._inline.docPr.get("descr")


@pytest.mark.django_db
def test_pdf_is_tagged_has_the_chapters_and_the_figures(report):
    data = render_pdf(document(report))
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "nb"
    text = _pdf_text(data)
    for heading in SECTION_HEADINGS:
        assert heading in text
    assert "Tjenesten er stabil." in text
    assert reader.metadata.title.startswith("Tilstandsrapport 2026")


@pytest.mark.django_db
def test_html_is_one_file_with_headings_and_images_with_alt(report):
    html = render_html(document(report))
    assert html.count("<h2 ") == 8
    headings = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert headings[0] == 1
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(headings))
    assert 'src="data:image/png;base64,' in html
    assert 'alt=""' not in html


@pytest.mark.django_db
def test_a_small_service_is_suppressed_in_every_format(world):
    tiny = ServiceFactory(name="Liten tjeneste", slug="liten")
    staff(tiny, 3)
    doc = document(new_report(tiny))
    docx_text = "\n".join(
        cell.text
        for table in open_docx(io.BytesIO(render_docx(doc))).tables
        for row in table.rows
        for cell in row.cells
    )
    assert SUPPRESSED in docx_text
    assert "\n3\n" not in f"\n{docx_text}\n"  # the headcount is not there as a figure
    assert SUPPRESSED in _pdf_text(render_pdf(doc))
    assert "skjult" in render_html(doc)  # escaped in HTML


@pytest.mark.django_db
def test_a_finalised_report_is_produced_again_exactly_after_the_register_changed(world, report):
    leader = leader_of(world.service_a)
    services.status_change(actor=leader, report=report, to="final", today=TODAY, now=NOW)
    report.refresh_from_db()
    before = {fmt: writer(document(report)) for fmt, writer in _writers().items()}
    # the register changes: new staff, a leaver
    staff_with_register(world.service_a, 7)
    leaver = world.service_a.employments.first()
    leaver.end_date = TODAY - timedelta(days=1)
    leaver.save()
    report.refresh_from_db()
    after = {fmt: writer(document(report)) for fmt, writer in _writers().items()}
    assert after == before
    # while today's figures have changed: 12 + 7 - 1
    live = services.live_content(report, TODAY)
    assert dict(live["blocks"]["key_figures"][0]["items"])["Ansatte 23.11.2026"] == "18"
    assert dict(report.snapshot["blocks"]["key_figures"][0]["items"])["Ansatte 23.11.2026"] == "12"


def _writers():
    return {
        "docx": render_docx,
        "pdf": render_pdf,
        "html": lambda d: render_html(d).encode(),
    }


@pytest.mark.django_db
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by make test")
def test_libreoffice_opens_the_docx_and_the_pages_are_kept(report, tmp_path):
    docx_path = tmp_path / "tilstandsrapport.docx"
    docx_path.write_bytes(render_docx(document(report)))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx_path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    converted = (tmp_path / "tilstandsrapport.pdf").read_bytes()
    text = _pdf_text(converted)
    for heading in SECTION_HEADINGS:
        assert heading in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, data in (("libreoffice", converted), ("weasyprint", render_pdf(document(report)))):
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / name)],
            check=True,
            timeout=120,
        )
    assert list(ARTIFACTS.glob("libreoffice-*.png"))
    assert list(ARTIFACTS.glob("weasyprint-*.png"))
