"""Chart for the projection: expected share meeting the requirement, per scenario."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from laget.charts.competence import (
    DAY,
    SCHEMA,
    _config,
    accounted,
    chart_title,
    deadline_rule,
    legend,
)
from laget.domain.projection.forecast import Forecast

#: Why the chart may draw every year's shares though the table prints only the deadline's.
SCENARIO_SHARES = (
    "scenarioenes forventede andel og intervall: modellens resultat av beskyttede tall, uten "
    "parametre å endre utenfor tjenesten"
)


def projection_lines(forecasts: Sequence[Forecast], *, deadline: date) -> dict[str, Any]:
    values = [
        {
            "scenario": f.label,
            "dato": p.day.isoformat(),
            "andel": round(p.expected_share * 100, 1),
            "lav": round(p.low * 100, 1),
            "høy": round(p.high * 100, 1),
        }
        for f in forecasts
        for p in f.points
    ]
    colour = {
        "field": "scenario",
        "type": "nominal",
        "title": None,
        "sort": [f.label for f in forecasts],
        "scale": {"range": ["#0062ba", "#06893a", "#b25c00", "#7a2e9a"]},
        "legend": legend(
            [f.label for f in forecasts], symbolType="stroke", symbolStrokeWidth=3, symbolOpacity=1
        ),
    }
    x = {
        "field": "dato",
        "type": "temporal",
        "title": None,
        "axis": {"format": "%Y", "tickCount": "year"},
    }
    return {
        "$schema": SCHEMA,
        **accounted(own_rule=dict.fromkeys(("andel", "lav", "høy"), SCENARIO_SHARES)),
        "title": chart_title(
            "Forventet andel som oppfyller kravet",
            "Gjennomsnitt av simuleringene; skyggen er 80 %-intervallet",
        ),
        "description": "Forventet andel som oppfyller kravet ved hvert årsskifte fram til fristen, per scenario.",
        "width": "container",
        "height": 260,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "area", "opacity": 0.15, "aria": False},
                "encoding": {
                    "x": x,
                    "y": {"field": "lav", "type": "quantitative"},
                    "y2": {"field": "høy"},
                    "color": colour,
                },
            },
            {
                "mark": {"type": "line", "point": True},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "andel",
                        "type": "quantitative",
                        "title": "Andel (%)",
                        "scale": {"domain": [0, 100]},
                    },
                    "color": colour,
                    # whole percent, as in the table beside it
                    "tooltip": [
                        {"field": "scenario", "type": "nominal", "title": "Scenario"},
                        {"field": "dato", "type": "temporal", "title": "Dato", "format": DAY},
                        {
                            "field": "andel",
                            "type": "quantitative",
                            "title": "Andel (%)",
                            "format": ".0f",
                        },
                        {
                            "field": "lav",
                            "type": "quantitative",
                            "title": "80 %-intervall fra",
                            "format": ".0f",
                        },
                        {"field": "høy", "type": "quantitative", "title": "til", "format": ".0f"},
                    ],
                },
            },
            deadline_rule(deadline),
        ],
        "config": _config(),
    }
