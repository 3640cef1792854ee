"""Issue 7 as users meet it: the Trondheim leader makes the status report, writes the summary,
sends it on a comment round; the municipal director comments; the leader handles the comment,
finalises the report and downloads it as DOCX and PDF."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from docx import Document as open_docx
from playwright.sync_api import expect
from pypdf import PdfReader

from laget.reports.models import ReportComment, StatusReport

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "report-pages"


def test_leader_makes_edits_and_finalises_the_report_the_municipality_comments(new_session, demo):
    leader = new_session()
    leader.login("leder.trondheim")
    page = leader.page
    page.get_by_role("link", name="Tilstandsrapport til kommunestyret").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tilstandsrapport")
    assert leader.axe_violations() == []
    page.get_by_role("button", name="Lag utkast").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tilstandsrapport")
    expect(page.get_by_role("heading", name="4.1 Bemanning og kompetanse")).to_be_visible()
    # the comparisons chosen by default: the county's services and the nation's
    expect(page.locator("section", has=page.locator("#s-sammenligning"))).to_contain_text(
        "Tjenestene i Trøndelag"
    )
    expect(page.locator("[data-vega-ready='true']").first).to_be_visible(timeout=15_000)
    leader.screenshot("report-draft")
    assert leader.axe_violations() == []
    assert leader.csp_violations() == []

    page.get_by_role("link", name="Skriv i «Kort oppsummering»").click()
    expect(page.locator(".laget-guidance")).to_contain_text("Veiledning")
    expect(page.get_by_role("heading", name="Nøkkeltall")).to_be_visible()  # the chapter's figures
    assert leader.axe_violations() == []
    page.get_by_label("Tekst").fill(
        "Tjenesten er stabil, men mange mangler master før 2031.\n\n- Flere på videreutdanning\n- Lavere turnover"
    )
    page.get_by_role("button", name="Lagre teksten").click()
    expect(page.locator("#s-sammendrag").locator("..")).to_contain_text("Flere på videreutdanning")
    page.get_by_role("button", name="Send på kommentarrunde").click()
    expect(page.locator(".laget-report-status")).to_contain_text("Kommentarrunde")

    director = new_session()
    director.login("kommune.trondheim")
    director.page.get_by_role("link", name="Tilstandsrapporter").click()
    director.page.get_by_role("link", name="Tilstandsrapport 2026").click()
    form = director.page.locator("form", has_text="Lagre kommentar")
    form.get_by_label("Kapittel").select_option("utfordringer")
    form.get_by_label("Rolle").fill("kommunedirektør")
    form.get_by_label("Kommentar").fill("Beskriv hva tjenesten trenger for å rekruttere.")
    form.get_by_role("button", name="Lagre kommentar").click()
    expect(director.page.get_by_role("status").first).to_contain_text("Kommentaren er lagret")
    assert director.axe_violations() == []
    assert ReportComment.objects.get().author_title == "kommunedirektør"

    page.reload()
    status = page.locator(".laget-report-status")
    expect(status).to_contain_text("1 kommentar: 0 besvart eller behandlet, 1 venter på svar")
    # the leader answers in the comment's thread (issue 28, item 4): the comment is answered,
    # and the director reads the answer under it
    thread = page.locator(".laget-thread").first
    thread.locator("summary", has_text="Svar").click()
    thread.get_by_label("Svar").fill("Vi tar det inn i kapittel 6 før ferdigstilling.")
    thread.get_by_role("button", name="Lagre svar").click()
    expect(status).to_contain_text("1 kommentar: 1 besvart eller behandlet, 0 venter på svar")
    leader.screenshot("report-comment-answered")
    assert leader.axe_violations() == []
    director.page.reload()
    expect(director.page.locator(".laget-thread").first).to_contain_text(
        "Vi tar det inn i kapittel 6 før ferdigstilling."
    )
    page.get_by_role("button", name="Ferdigstill og frys tallene").click()
    # first what will happen, and what is not done yet; nothing is frozen until confirmed
    expect(page.get_by_role("heading", level=1)).to_have_text("Ferdigstill og frys tallene?")
    assert StatusReport.objects.get(year=timezone.localdate().year).snapshot is None
    assert leader.axe_violations() == []
    page.get_by_role("button", name=re.compile(r"^Ferdigstill")).click()
    expect(page.locator(".laget-report-status")).to_contain_text("Endelig")
    report = StatusReport.objects.get(year=timezone.localdate().year)
    assert report.snapshot is not None
    leader.screenshot("report-final")

    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX").click()
    doc = open_docx(download.value.path())
    assert "1 Kort oppsummering" in [p.text for p in doc.paragraphs]
    docx_path = ARTIFACTS / "demo-trondheim.docx"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    download.value.save_as(docx_path)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    pdf_path = ARTIFACTS / "demo-trondheim.pdf"
    download.value.save_as(pdf_path)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages)
    assert "Tjenesten er stabil" in text and "7 Prioriterte områder og tiltak" in text
    _pages(pdf_path, "demo-weasyprint")
    if shutil.which("soffice"):  # the demo report as Word and LibreOffice users get it
        profile = ARTIFACTS / "lo-profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(ARTIFACTS / "lo"),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        _pages(ARTIFACTS / "lo" / "demo-trondheim.pdf", "demo-libreoffice")
        shutil.rmtree(profile, ignore_errors=True)


def _pages(pdf: Path, prefix: str) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / prefix)], check=True, timeout=120
    )
    assert list(ARTIFACTS.glob(f"{prefix}-*.png"))


def test_the_county_governor_reads_the_sent_report_and_no_draft(session, demo):
    session.login("statsforvalter.trondelag")
    page = session.page
    page.get_by_role("link", name="Tilstandsrapporter").click()
    expect(page.get_by_role("row")).to_have_count(2)  # the header and last year's sent report
    page.get_by_role("link", name="Tilstandsrapport 2025").click()
    expect(page.locator(".laget-report-status")).to_contain_text("Sendt kommunestyret")
    expect(page.get_by_text("Den største utfordringen er å beholde erfarne")).to_be_visible()
    assert page.get_by_role("button", name="Lagre kommentar").count() == 0
    assert page.get_by_role("link", name="Skriv i «Kort oppsummering»").count() == 0
    session.screenshot("report-county")
    assert session.axe_violations() == []
