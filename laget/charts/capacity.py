"""Chart for the national capacity model: need against supply."""

from __future__ import annotations

from typing import Any

from laget.charts.competence import (
    SCHEMA,
    STATUS_COLOURS,
    _config,
    accounted,
    chart_title,
    count_axis,
    legend,
)

GROUPS = ["Videreutdanning, hele perioden", "Master, per år"]
KINDS = ["Behov", "Dekket"]


#: Why the chart's numbers may be drawn: the nation's capacity, nobody's service.
NATIONAL_MODEL = (
    "den nasjonale kapasitetsmodellen: behov og tilgang i landet, ingen tjenestes personer"
)


def need_and_supply(
    *, non_compliant: int, covered: int, leavers: int, graduates: int
) -> dict[str, Any]:
    """Further education over the whole period, and master graduates each year: horizontal
    bars, so the group names sit on two lines beside them and never overlap on a phone."""
    values = [
        {"gruppe": GROUPS[0], "type": "Behov", "antall": non_compliant},
        {"gruppe": GROUPS[0], "type": "Dekket", "antall": covered},
        {"gruppe": GROUPS[1], "type": "Behov", "antall": leavers},
        {"gruppe": GROUPS[1], "type": "Dekket", "antall": graduates},
    ]
    y = {
        "field": "gruppe",
        "type": "nominal",
        "sort": GROUPS,
        "title": None,
        # «Videreutdanning,» / «hele perioden»: two short lines instead of one long label
        "axis": {"labelExpr": "split(datum.label, ', ')", "labelFontWeight": "bold"},
    }
    return {
        "$schema": SCHEMA,
        **accounted(own_rule={"antall": NATIONAL_MODEL}),
        "title": chart_title(
            "Behov og tilgang",
            "Behov: ansatte uten videreutdanning / som slutter hvert år. "
            "Dekket: fullførte videreutdanninger som går til dem / nye mastere.",
        ),
        "description": (
            f"Videreutdanning: behov {non_compliant}, dekket {covered}. "
            f"Master per år: behov {leavers}, dekket {graduates}."
        ),
        "width": "container",
        "height": {"step": 28},
        "data": {"values": values},
        "encoding": {
            "y": y,
            "yOffset": {"field": "type", "sort": KINDS},
            "x": {
                "field": "antall",
                "type": "quantitative",
                "title": "Antall personer",
                "axis": count_axis(),
            },
            "color": {
                "field": "type",
                "type": "nominal",
                "scale": {
                    "domain": KINDS,
                    "range": [STATUS_COLOURS["at_risk"], STATUS_COLOURS["will_meet"]],
                },
                "title": None,
                "legend": legend(),
            },
            "tooltip": [
                {"field": "gruppe", "type": "nominal", "title": "Gruppe"},
                {"field": "type", "type": "nominal", "title": "Type"},
                {"field": "antall", "type": "quantitative", "title": "Antall", "format": ",d"},
            ],
        },
        "layer": [
            {"mark": {"type": "bar"}},
            {
                "mark": {"type": "text", "align": "left", "dx": 3, "aria": False},
                "encoding": {
                    "text": {"field": "antall", "type": "quantitative", "format": ",d"},
                    "color": {"value": "#1e1e1e"},
                },
            },
        ],
        "config": _config(),
    }
