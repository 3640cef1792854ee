"""The report says only what its sources say (issue 24): no target no source sets, turnover
beside benchmarks that measure something else with how they differ, the 2022 comparison with
its caveats, the register's growth, demo data said on the first page, and the parts KS
Trøndelag asks for that say «ikke kartlagt» or «ikke oppgitt» until they are written."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from laget.people.models import Person
from laget.projection.services import service_goal_set
from laget.reports import services
from laget.reports.content.staffing import register_growth
from laget.reports.document import SYNTHETIC_NOTICE
from laget.reports.render import render_docx, render_html, render_pdf
from laget.reports.tests.helpers import document, leader_of, new_report
from laget.reports.tests.test_content import _content
from tests.factories import staff_with_register

pytestmark = pytest.mark.django_db


def _text(content: dict) -> str:
    return repr(content["blocks"])


def test_no_90_percent_target_and_no_comparison_with_a_benchmark_of_another_measure(world):
    staff_with_register(world.service_a, 6, credits=0)
    content = _content(world.service_a, comparisons=["county"])
    text = _text(content)
    assert "målet på 90" not in text and "90\u00a0%" not in text and "90 %" not in text
    assert "landsnivået" not in text and "(KS)" not in text
    signals = content["blocks"]["signals"][0]["items"]
    assert any("Kravet gjelder alle som utfører oppgavene" in s for s in signals)
    facts = dict(content["blocks"]["key_figures"][0]["items"])
    assert any(k.startswith("Sluttet i tjenesten (turnover)") for k in facts)
    note = content["blocks"]["comparisons"][0]["note"]
    assert "teller bare dem som slutter i kommunalt barnevern" in note
    assert "SSBs 30\u00a0%" in note or "SSBs 30 %" in note
    assert "kan ikke sammenlignes direkte" in note


def test_a_goal_of_the_services_own_is_said_to_be_its_own(world):
    staff_with_register(world.service_a, 6, credits=0)
    leader = leader_of(world.service_a)
    service_goal_set(actor=leader, service=world.service_a, percent=100)
    signals = _content(world.service_a)["blocks"]["signals"][0]["items"]
    said = [s for s in signals if "tjenestens eget mål på 100 %" in s]
    assert said and "(satt " in said[0] and "Ingen kilde setter en slik andel" in said[0]
    assert leader.get_username() not in said[0]  # a public document names no user


def test_the_2022_comparison_has_its_sample_date_and_base(world):
    staff_with_register(world.service_a, 6)
    note = _content(world.service_a)["blocks"]["competence"][0]["note"]
    for caveat in (
        "september 2022",
        "29 kommuner",
        "overvekt av store kommuner",
        "«ikke nødvendigvis helt representativ»",
        "§ 2-1a",
        "Laget regner med ledere",
        "tiltak",
    ):
        assert caveat in note, caveat


def test_a_trend_table_says_when_the_register_grew():
    said = register_growth([(2021, 276.0), (2022, 300.0), (2023, 5820.0), (2024, 5900.0)])
    assert "Registeret vokste fra 276 (2022)" not in said
    assert "fra 300 (2022) til 5\u00a0820 (2023)" in said
    assert "ikke direkte sammenlignbare" in said
    assert register_growth([(2022, 100.0), (2023, 120.0), (2024, None)]) == ""


def test_every_document_from_demo_data_says_so_on_its_first_page(world):
    staff_with_register(world.service_a, 6)
    report = new_report(world.service_a)
    real = document(report)
    assert real.synthetic_notice == ""
    Person.objects.filter(employments__service=world.service_a).update(is_synthetic=True)
    doc = document(report)
    assert doc.synthetic_notice == SYNTHETIC_NOTICE
    html = render_html(doc)
    assert html.index(SYNTHETIC_NOTICE) < html.index("<main>")
    paragraphs = [p.text for p in open_docx(io.BytesIO(render_docx(doc))).paragraphs]
    assert SYNTHETIC_NOTICE in paragraphs[:4]
    first_page = PdfReader(io.BytesIO(render_pdf(doc))).pages[0].extract_text()
    assert "DEMODATA" in first_page and "oppdiktet" in first_page


def test_the_parts_ks_trondelag_asks_for_say_so_until_they_are_written(world):
    staff_with_register(world.service_a, 6)
    leader = leader_of(world.service_a)
    report = new_report(world.service_a, actor=leader)
    sections = {s.key: s for s in document(report).sections}
    assert sections["undersokelser"].text[0].lines[0].startswith("Ikke kartlagt")
    assert sections["planer"].text[0].lines[0].startswith("Ikke oppgitt")
    assert "forebyggende arbeidet" in sections["planer"].text[0].lines[0]
    assert "brukerrepresentanter" in sections["medvirkning"].text[0].lines[0]
    services.section_save(
        actor=leader,
        report=report,
        key="planer",
        text="Plan for det forebyggende arbeidet 2025–2028: https://example.no/plan",
    )
    sections = {s.key: s for s in document(report).sections}
    assert sections["planer"].text[0].lines[0].startswith("Plan for det forebyggende")
