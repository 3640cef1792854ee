"""Chart for the national capacity model: need against supply."""

from __future__ import annotations

from typing import Any

from laget.charts.competence import SCHEMA, STATUS_COLOURS, _config


def need_and_supply(
    *, non_compliant: int, covered: int, leavers: int, graduates: int
) -> dict[str, Any]:
    """Further education over the whole period, and master graduates each year."""
    values = [
        {"gruppe": "Videreutdanning, hele perioden", "type": "Behov", "antall": non_compliant},
        {"gruppe": "Videreutdanning, hele perioden", "type": "Dekket", "antall": covered},
        {"gruppe": "Master, per år", "type": "Behov", "antall": leavers},
        {"gruppe": "Master, per år", "type": "Dekket", "antall": graduates},
    ]
    return {
        "$schema": SCHEMA,
        "title": {
            "text": "Behov og tilgang",
            "anchor": "start",
            "subtitle": "Behov: ansatte uten videreutdanning / som slutter hvert år. Dekket: fullførte videreutdanninger som går til dem / nye mastere.",
        },
        "description": (
            f"Videreutdanning: behov {non_compliant}, dekket {covered}. "
            f"Master per år: behov {leavers}, dekket {graduates}."
        ),
        "width": "container",
        "height": 240,
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "gruppe", "type": "nominal", "title": None, "axis": {"labelAngle": 0}},
            "xOffset": {"field": "type", "sort": ["Behov", "Dekket"]},
            "y": {"field": "antall", "type": "quantitative", "title": "Antall personer"},
            "color": {
                "field": "type",
                "type": "nominal",
                "scale": {
                    "domain": ["Behov", "Dekket"],
                    "range": [STATUS_COLOURS["at_risk"], STATUS_COLOURS["will_meet"]],
                },
                "title": None,
            },
        },
        "config": _config(),
    }
