"""Every chart Laget draws, checked as a spec and as vl-convert draws it: Norwegian number
formats, whole-number count axes, tooltips formatted like the tables beside them, legends
below, and nothing wider than a phone's 284 px column (a 320 px screen less the margins)."""

import re
from datetime import date

import pytest

from laget.charts.capacity import need_and_supply
from laget.charts.competence import StatusBar, TimelinePoint, legend, status_distribution, timeline
from laget.charts.projection import projection_lines
from laget.charts.render import chart_svg
from laget.charts.workforce import applicants_per_vacancy, sick_leave_months, turnover_lines
from laget.domain.projection.forecast import Forecast, Parameters, Point

PHONE = 284
DEADLINE = date(2031, 1, 1)


def _forecast(label: str, share: float) -> Forecast:
    points = [Point(date(y, 12, 31), share, share - 0.05, share + 0.05) for y in (2027, 2028)]
    points.append(Point(DEADLINE, share, share - 0.05, share + 0.05))
    return Forecast(77, Parameters(), points, share * 77, 3, 2, label)


CHARTS = {
    "status": lambda: status_distribution(
        [StatusBar("meets", "Oppfyller", 2500), StatusBar("at_risk", "I faresonen", 3)],
        title="Status mot kompetansekravet",
    ),
    "timeline": lambda: timeline(
        [TimelinePoint(date(2027, 12, 31), 1200, 2500), TimelinePoint(DEADLINE, 2100, 2500)],
        title="Antall som oppfyller kravet ved hvert årsskifte",
        deadline=DEADLINE,
    ),
    "projection": lambda: projection_lines(
        [
            _forecast("Som i dag", 0.42),
            _forecast("Opptak prioriterer dem som ikke oppfyller kravet", 0.45),
            _forecast("Alle som erstattes, ansettes med master", 0.8),
        ],
        deadline=DEADLINE,
    ),
    "capacity": lambda: need_and_supply(non_compliant=2700, covered=1000, leavers=1280, graduates=300),
    "turnover": lambda: turnover_lines([(2023, 0.213), (2024, 0.18), (2025, 0.2)]),
    "sick_leave": lambda: sick_leave_months(
        [(date(2025, m, 1), 0.08 + m / 1000, 0.09) for m in range(1, 13)],
        references={("national", 2025): 0.095, ("municipality", 2025): 0.1},
    ),
    "applicants": lambda: applicants_per_vacancy(
        [(date(2025, 3, 1), "Barnevernspedagog", 2500, 40), (date(2025, 9, 1), "Leder", 12, None)]
    ),
}  # fmt: skip


def _nodes(node, key):
    """Every value under `key` anywhere in the spec."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            yield from _nodes(v, key)
    elif isinstance(node, list):
        for v in node:
            yield from _nodes(v, key)


def _on_phone(spec: dict) -> str:
    """The SVG vl-convert draws in a 284 px container: as the browser does for
    `"width": "container"`, axes, title and legend all fit inside the width."""
    return chart_svg({**spec, "autosize": {"type": "fit", "contains": "padding"}}, width=PHONE)


def _texts(svg: str) -> list[str]:
    """Each drawn line of text (a label on two lines is two <tspan>s)."""
    found = re.findall(r"<(?:text|tspan)[^>]*>([^<]+)</(?:text|tspan)>", svg)
    return [t.replace("\u00a0", " ") for t in found]


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_formats_its_tooltips_and_puts_legends_below(name):
    spec = CHARTS[name]()
    assert spec["width"] == "container"
    tooltips = [t for value in _nodes(spec, "tooltip") if isinstance(value, list) for t in value]
    assert tooltips, "every chart says its numbers in a tooltip"
    assert True not in list(_nodes(spec, "tooltip")), "tooltip: true shows unformatted numbers"
    for field in tooltips:
        assert field.get("type"), field  # without a type a number is shown raw («0.083333»)
        if field["type"] in ("quantitative", "temporal"):
            assert field.get("format"), field
    for found in _nodes({k: v for k, v in spec.items() if k != "config"}, "legend"):
        if found is not None:
            assert found["orient"] == "bottom"
            assert found["columns"] == {"expr": "(containerSize()[0] || width) < 480 ? 1 : 2"}


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_fits_a_phone_and_writes_numbers_the_norwegian_way(name):
    svg = _on_phone(CHARTS[name]())
    width = float(re.search(r'<svg[^>]*\bwidth="([\d.]+)"', svg).group(1))
    assert width <= PHONE + 1, f"{name} is {width} px wide"
    texts = _texts(svg)
    assert not [t for t in texts if re.search(r"\d,\d{3}\b|\d\.\d", t)], texts
    assert not [t for t in texts if t.endswith("…")], f"cut off: {texts}"


def test_the_capacity_chart_writes_thousands_with_a_space_and_labels_each_bar():
    texts = _texts(_on_phone(CHARTS["capacity"]()))
    assert {"2 700", "1 000", "1 280", "300", "2 000"} <= set(texts), texts
    assert "2,700" not in " ".join(texts)


def test_count_axes_have_no_fractions():
    """A service with two persons gets ticks 0, 1, 2, never 0,5."""
    spec = status_distribution([StatusBar("meets", "Oppfyller", 2)], title="Status")
    texts = _texts(_on_phone(spec))
    assert "1" in texts and not [t for t in texts if "," in t], texts


def test_the_turnover_chart_names_its_line_and_no_gjennomtrekk():
    """No «gjennomtrekk (SSB)» beside it: no source defines one for the services."""
    texts = _texts(chart_svg(CHARTS["turnover"](), width=640))
    assert "Sluttet i tjenesten (turnover)" in texts, texts
    assert not [t for t in texts if "jennomtrekk" in t], texts


def test_long_legend_labels_break_into_lines_on_a_narrow_chart_instead_of_being_cut():
    params = legend(["Kort", "Opptak prioriterer dem som ikke oppfyller kravet"])
    assert (
        '"Opptak prioriterer dem som ikke oppfyller kravet": ["Opptak prioriterer dem'
        in (params["labelExpr"])
    )
    assert "Kort" not in params["labelExpr"]
    assert "labelExpr" not in legend(["Kort"])
    texts = _texts(_on_phone(CHARTS["projection"]()))
    assert "ikke oppfyller kravet" in texts, texts
    wide = _texts(chart_svg(CHARTS["projection"](), width=900))
    assert "Opptak prioriterer dem som ikke oppfyller kravet" in wide, wide
