"""Charts rendered for documents with vl-convert: the page's own specs, fixed width, alt text."""

import re
import struct
from datetime import date

from laget.charts.render import alt_text, chart_png, chart_svg, for_document
from laget.charts.workforce import sick_leave_months, turnover_lines


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_a_page_chart_renders_to_png_at_a_fixed_width():
    spec = turnover_lines([(2023, 0.21), (2024, 0.18), (2025, None)])
    assert spec["width"] == "container"
    width, height = _png_size(chart_png(spec, scale=1))
    assert 600 <= width <= 760 and 200 <= height <= 400
    assert spec["width"] == "container"  # the page's spec is left as it was
    wide, _ = _png_size(chart_png(spec, scale=2))
    assert wide == 2 * width


def test_svg_has_the_title_and_a_layered_chart_with_a_trend_renders():
    months = [(date(2025, m, 1), 0.08 + m / 1000, None) for m in range(1, 13)]
    spec = sick_leave_months(months, references={("national", 2025): 0.095})
    svg = chart_svg(spec)
    assert svg.startswith("<svg") and "Sykefravær per måned" in svg
    assert for_document(spec)["background"] == "white"


def test_alt_text_is_the_description():
    spec = turnover_lines([(2024, 0.2)])
    assert alt_text(spec).startswith("Andelen som sluttet i tjenesten (turnover")
    assert alt_text({"title": {"text": "Tittel"}}) == "Tittel"


def test_documents_charts_write_numbers_and_months_the_norwegian_way():
    """«2 500,0» and «1,5», not «2,500.0» and «1.5»; month names in Norwegian."""
    spec = {
        "data": {"values": [{"month": "2026-03-01", "n": 2500}, {"month": "2026-05-01", "n": 1.5}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth",
                  "axis": {"format": "%B %Y"}},
            "y": {"field": "n", "type": "quantitative",
                  "axis": {"values": [1.5, 2500], "format": ",.1f"}},
        },
    }  # fmt: skip
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", chart_svg(spec))
    assert {"2\u00a0500,0", "1,5", "mars 2026"} <= set(texts), texts
